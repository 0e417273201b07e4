import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceEventRepository } from '../service-event.repository';
import { ServiceEventQueue } from './service-event.queue';

const INTERVAL_MS = 60_000;
// Older than this and still not fanned out: its job was lost (enqueue failed after the commit,
// Redis flushed) or gave up. Job ids are `<event>:<revision>`, so a live job is not doubled.
const STALE_MS = 5 * 60_000;
const BATCH = 500;

/** Worker-side repair: queues again the fan-out of event revisions that never finished. */
@Injectable()
export class ServiceEventFanOutSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ServiceEventFanOutSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ServiceEventRepository,
    private readonly queue: ServiceEventQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'fan-out sweep failed'),
      );
    }, INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) {
      clearInterval(this.timer);
    }
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
