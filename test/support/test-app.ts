import { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/core/bootstrap';
import { PeriodicTaskRunner } from '../../src/queues/periodic/periodic-task.runner';
import { GqlHttpClient } from './graphql-client';

/** A booted Kabinet on a free port with its GraphQL client. */
export interface TestApp {
  app: INestApplication;
  url: string;
  gql: GqlHttpClient;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the real app (role `all`) against the run's database and the local Redis. Periodic tasks
 * are not scheduled under NODE_ENV=test (tests call their `run(now)`), except those named in
 * `periodicTasks`, which run on their Bull schedule until close().
 */
export async function createTestApp(
  options: { extraModules?: Type[]; periodicTasks?: string[] } = {},
): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRole('all', options.extraModules ?? [])],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const runner = app.get(PeriodicTaskRunner);
  if (options.periodicTasks) {
    await runner.schedule(options.periodicTasks);
  }
  return {
    app,
    url,
    gql: new GqlHttpClient(url),
    dataSource: app.get(DataSource),
    close: async () => {
      if (options.periodicTasks) {
        await runner.unschedule();
      }
      await app.close();
    },
  };
}

/** Waits until a Bull queue has no waiting, delayed or active jobs. */
export async function waitForQueueIdle(
  app: INestApplication,
  name: string,
  timeoutMs = 20_000,
): Promise<void> {
  const queue = app.get<Queue>(getQueueToken(name));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts();
    if (counts.waiting + counts.active + counts.delayed === 0) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`queue ${name} not idle: ${JSON.stringify(counts)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
