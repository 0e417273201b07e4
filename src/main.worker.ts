import './config/env-or-exit';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadEnv } from './config/env.schema';
import { ensureDatabase } from './database/ensure-database';
import { lowerPriority } from './core/process/index';
import { WorkerModule } from './worker.module';

/**
 * The worker process: queue processors, periodic tasks and report parser children, no HTTP
 * server. Started by `npm run start:worker` (or `APP_ROLE=worker` through main.ts).
 */
export async function startWorker(): Promise<void> {
  const env = loadEnv();
  await ensureDatabase(env.DATABASE_URL);
  // Parser children forked later inherit it.
  for (const problem of lowerPriority(env.WORKER_NICE)) {
    console.warn(`WORKER_NICE: ${problem}`);
  }
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(), {
    bufferLogs: true,
  });
  worker.enableShutdownHooks();
  await worker.init();
}

if (require.main === module) {
  startWorker().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
