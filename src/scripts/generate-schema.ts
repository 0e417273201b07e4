// Writes schema.gql from the code-first types: `npm run schema:generate`. The e2e suite fails
// when the committed file differs from what the code generates.
import './schema-env';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadEnv } from '../config/env.schema';
import { ensureDatabase } from '../database/ensure-database';

async function main(): Promise<void> {
  const env = loadEnv();
  await ensureDatabase(env.DATABASE_URL);
  const app = await NestFactory.create(AppModule.forRole('api'), { logger: ['error'] });
  await app.init();
  await app.close();
  console.log(`schema written to ${process.env.GRAPHQL_SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
