import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { serviceEventsConfig } from '../../../config/configuration';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { ServiceEventRepository } from '../service-event.repository';

const DAY_MS = 24 * 3600 * 1000;
// Rows per DELETE: short statements, so ingest and fan-out are never blocked for long.
export const RETENTION_BATCH = 1000;
// Batches per run; what is left waits for the next run (an hour later).
const MAX_BATCHES = 100;

/**
 * Storage limitation (152-FZ art. 5 part 7): events that occurred more than
 * `SERVICE_EVENT_RETENTION_DAYS` ago are deleted, with their notifications (cascade), in batches
 * of {@link RETENTION_BATCH}, oldest first.
 */
@Injectable()
@PeriodicTask({ name: 'service-event-retention', everyMs: 3600_000 })
export class ServiceEventRetentionTask implements PeriodicWork {
  private readonly logger = new Logger(ServiceEventRetentionTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: ServiceEventRepository,
    @Inject(serviceEventsConfig.KEY)
    private readonly config: ConfigType<typeof serviceEventsConfig>,
  ) {}

  /** Deletes what is past retention at `now`; returns how many events went. */
  async run(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.config.retentionDays * DAY_MS);
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const count = await this.events.deleteOccurredBefore(
        this.dataSource.manager,
        before,
        RETENTION_BATCH,
      );
      deleted += count;
      if (count < RETENTION_BATCH) {
        break;
      }
    }
    if (deleted > 0) {
      this.logger.log({ deleted, before }, 'service events past retention deleted');
    }
    return deleted;
  }
}
