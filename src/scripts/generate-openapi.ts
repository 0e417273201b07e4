// Writes openapi.json, the OpenAPI 3.1 description of the REST routes:
// `npm run openapi:generate`. The e2e suite fails when the committed file differs from what the
// code generates.
import './development-env';
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { loadEnv } from '../config/env.schema';
import { ensureDatabase } from '../database/ensure-database';
import { buildOpenApiDocument, serializeOpenApiDocument } from '../core/openapi/openapi';

const FILE = process.argv[2] ?? 'openapi.json';

async function main(): Promise<void> {
  // An API-role instance, never listening: the document comes from the controllers' metadata.
  await ensureDatabase(loadEnv().DATABASE_URL);
  const app = await NestFactory.create(AppModule.forRole('api'), { logger: ['error'] });
  await writeFile(FILE, serializeOpenApiDocument(buildOpenApiDocument(app)));
  await app.close();
  console.log(`OpenAPI document written to ${FILE}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
