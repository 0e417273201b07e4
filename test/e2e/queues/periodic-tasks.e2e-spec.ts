import { INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { QueueName } from '../../../src/queues/queue-names';
import { PeriodicTask, PeriodicWork } from '../../../src/queues/periodic/periodic-task';
import { PeriodicTaskRunner } from '../../../src/queues/periodic/periodic-task.runner';
import { WorkerModule } from '../../../src/worker.module';

// Two worker instances of the real worker module on the run's MariaDB and Redis, both scheduling
// the same short periodic task: each period is run by one of them, never by both.

const EVERY_MS = 400;
const runs: Array<{ instance: number; at: number }> = [];
let booting = 0;

@Injectable()
@PeriodicTask({ name: 'e2e-count', everyMs: EVERY_MS })
class CountingTask implements PeriodicWork {
  private readonly instance = ++booting;

  run(now: Date): Promise<void> {
    runs.push({ instance: this.instance, at: now.getTime() });
    return Promise.resolve();
  }
}

@Module({ providers: [CountingTask] })
class CountingTaskModule {}

describe('periodic tasks on two workers', () => {
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const worker = await NestFactory.createApplicationContext(
        WorkerModule.forRoot([CountingTaskModule]),
        { logger: ['error'] },
      );
      await worker.init();
      workers.push(worker);
    }
  });

  afterAll(async () => {
    await workers[0]?.get(PeriodicTaskRunner).unschedule();
    for (const worker of workers) {
      await worker.close();
    }
  });

  it('should not schedule anything under NODE_ENV=test until asked', async () => {
    const queue = workers[0].get<Queue>(getQueueToken(QueueName.Periodic), { strict: false });
    const names = (await queue.getRepeatableJobs()).map((job) => job.name);
    expect(names).not.toContain('e2e-count');
    expect(
      workers[0]
        .get(PeriodicTaskRunner)
        .list()
        .map((task) => task.name),
    ).toEqual(
      expect.arrayContaining([
        'e2e-count',
        'remote-work-report-reconcile',
        'webhook-delivery-reconcile',
        'notification-copy-sweep',
        'document-check-sweep',
        'inter-agency-reconcile',
        'service-event-fan-out-sweep',
      ]),
    );
  });

  it('should run the task once per period whichever worker takes it', async () => {
    const started = Date.now();
    await Promise.all(workers.map((worker) => worker.get(PeriodicTaskRunner).schedule()));
    const queue = workers[0].get<Queue>(getQueueToken(QueueName.Periodic), { strict: false });
    // Both workers added it; Bull keeps one repeatable job.
    expect((await queue.getRepeatableJobs()).filter((j) => j.name === 'e2e-count')).toHaveLength(1);
    const wanted = 8;
    const deadline = Date.now() + wanted * EVERY_MS * 3;
    while (runs.length < wanted && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsed = Date.now() - started;
    expect(runs.length).toBeGreaterThanOrEqual(wanted);
    // One run per period: never more runs than periods elapsed, and no period run twice.
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(elapsed / EVERY_MS) + 1);
    const periods = runs.map((run) => Math.round(run.at / EVERY_MS));
    expect(new Set(periods).size).toBe(runs.length);
  });
});
