import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { ServiceEventRepository } from '../service-event.repository';
import { ServiceEventQueue } from './service-event.queue';

const INTERVAL_MS = 60_000;
// Older than this and still not fanned out: its job was lost (enqueue failed after the commit,
// Redis flushed) or gave up. Job ids are `<event>:<revision>`, so a live job is not doubled.
const STALE_MS = 5 * 60_000;
const BATCH = 500;

/** Worker-side repair: queues again the fan-out of event revisions that never finished. */
@Injectable()
@PeriodicTask({ name: 'service-event-fan-out-sweep', everyMs: INTERVAL_MS })
export class ServiceEventFanOutSweeper implements PeriodicWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ServiceEventRepository,
    private readonly queue: ServiceEventQueue,
  ) {}

  run(now: Date): Promise<number> {
    return this.sweep(now);
  }

  async sweep(now = new Date()): Promise<number> {
    const due = await this.events.findUnfannedOut(
      this.dataSource.manager,
      new Date(now.getTime() - STALE_MS),
      BATCH,
    );
    await this.queue.requeue(due.map((e) => ({ eventId: e.id, revision: e.revision })));
    return due.length;
  }
}
