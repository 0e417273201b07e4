// The operator CLI: `npm run cli -- <command> [args]`. Prints JSON on stdout; a refusal goes to
// stderr with exit code 2.
import './config/env-or-exit';
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliError } from './cli/cli-error';
import { CliModule } from './cli/cli.module';
import { createApiClient } from './cli/create-api-client.command';
import { grantRole } from './cli/grant-role.command';
import { registryImport } from './cli/registry-import.command';
import { reportDeadlineExtend } from './cli/report-deadline-extend.command';
import { revokeApiClient } from './cli/revoke-api-client.command';
import { revokeRole } from './cli/revoke-role.command';
import { seedDemo } from './cli/seed-demo.command';
import { setEventSources } from './cli/set-event-sources.command';
import { loadEnv } from './config/env.schema';
import { ensureDatabase } from './database/ensure-database';

type Command = (app: INestApplicationContext, args: string[]) => Promise<unknown>;

const COMMANDS: Record<string, Command> = {
  'create-api-client': createApiClient,
  'grant-role': grantRole,
  'registry:import': registryImport,
  'report-deadline:extend': reportDeadlineExtend,
  'revoke-api-client': revokeApiClient,
  'revoke-role': revokeRole,
  'seed:demo': seedDemo,
  'set-event-sources': setEventSources,
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`usage: npm run cli -- <${Object.keys(COMMANDS).join('|')}> [args]`);
    return 2;
  }
  await ensureDatabase(loadEnv().DATABASE_URL);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    console.log(JSON.stringify(await command(app, args)));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
