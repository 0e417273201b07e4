import './config/env-or-exit';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './core/bootstrap';
import { loadEnv } from './config/env.schema';
import { ensureDatabase } from './database/ensure-database';
import { startWorker } from './main.worker';

/**
 * The API process (`APP_ROLE=api`), or API and worker in one process (`APP_ROLE=all`, the default,
 * for `npm start`). `APP_ROLE=worker` starts the worker entry point (main.worker.ts) instead.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  if (env.APP_ROLE === 'worker') {
    await startWorker();
    return;
  }
  try {
    await ensureDatabase(env.DATABASE_URL);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // validateEnv refused to get here without them unless NODE_ENV is development or test.
  if (env.JWT_SECRET === undefined || env.SECRETS_MASTER_KEY === undefined) {
    console.warn(
      'JWT_SECRET or SECRETS_MASTER_KEY is not set: using a development secret (never in production)',
    );
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(env.APP_ROLE), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  // Node closes an idle keep-alive connection after 5 s. A client that reuses it at that moment
  // (a connection pool, a proxy) gets ECONNRESET for a POST it cannot safely retry: an upload
  // refused at the edge of a lull. Idle connections stay open longer than the usual proxy and
  // pool idle timeouts (60 s), so the client is the one to close them.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(env.PORT);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
