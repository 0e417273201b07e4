import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { RemoteWorkReportEvents } from './report-status.events';
import { ReportStatusOutbox } from './report-status.outbox';

// Webhooks hear of a status change within about this long after its commit.
const EVERY_MS = 2_000;
const BATCH = 200;

/**
 * Worker-side drain of the report status outbox: hands each recorded change, oldest first, to
 * the listeners registered with {@link RemoteWorkReportEvents.onReportStatusChanged} (webhook
 * deliveries), then deletes it. A change whose listener fails stays, and so do the ones after it,
 * for the next pass. Listeners must be idempotent per `eventId`: a pass that dies between a
 * listener and the delete hands the change over again.
 */
@Injectable()
@PeriodicTask({ name: 'report-status-outbox-drain', everyMs: EVERY_MS })
export class ReportStatusOutboxDrain implements PeriodicWork {
  private readonly logger = new Logger(ReportStatusOutboxDrain.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ReportStatusOutbox,
    private readonly events: RemoteWorkReportEvents,
  ) {}

  run(): Promise<number> {
    return this.drain();
  }

  /** Drains until the outbox is empty or a listener fails; returns how many changes it handed. */
  drain(): Promise<number> {
    // One pass at a time per process.
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const em = this.dataSource.manager;
    let handed = 0;
    for (;;) {
      const changes = await this.outbox.findOldest(em, BATCH);
      const done: string[] = [];
      try {
        for (const change of changes) {
          await this.events.deliver(change);
          done.push(change.eventId);
        }
      } finally {
        await this.outbox.deleteByIds(em, done);
        handed += done.length;
      }
      if (changes.length < BATCH) {
        return handed;
      }
    }
  }
}
