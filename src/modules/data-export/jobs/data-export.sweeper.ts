import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { idsWithoutLiveJob } from '../../../queues/live-jobs';
import { PeriodicTask } from '../../../queues/periodic/periodic-task';
import type { PeriodicWork } from '../../../queues/periodic/periodic-task';
import { FILE_STORAGE } from '../../files';
import type { FileStorage } from '../../files';
import { DataExportStatus } from '../data-export.enums';
import { DataExportRepository } from '../data-export.repository';
import { DataExportQueue } from './data-export.queue';

const BATCH = 200;

/**
 * Deletes the archives of exports whose 24 hours are over (the row stays, EXPIRED, so the daily
 * limit still counts it) and queues again builds that lost their job (an enqueue after commit
 * that never happened, Redis flushed).
 */
@PeriodicTask({ name: 'data-export-sweep', everyMs: 60_000 })
@Injectable()
export class DataExportSweeper implements PeriodicWork {
  private readonly logger = new Logger(DataExportSweeper.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: DataExportRepository,
    private readonly queue: DataExportQueue,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async run(now: Date): Promise<{ expired: number; requeued: number }> {
    const em = this.dataSource.manager;
    let expired = 0;
    for (const row of await this.exports.findReadyExpiredBy(em, now, BATCH)) {
      if (row.storageKey) {
        await this.storage.delete(row.storageKey);
      }
      const changed = await this.exports.transition(em, row.id, [DataExportStatus.READY], {
        status: DataExportStatus.EXPIRED,
        storageKey: null,
        updatedAt: now,
      });
      expired += changed ? 1 : 0;
    }
    const unfinished = await this.exports.findUnfinished(em, BATCH);
    const orphans = await idsWithoutLiveJob(
      this.queue.raw,
      unfinished.map((r) => r.id),
    );
    for (const id of orphans) {
      await this.queue.ensureQueued(id);
    }
    if (expired + orphans.length > 0) {
      this.logger.log({ expired, requeued: orphans.length }, 'data exports swept');
    }
    return { expired, requeued: orphans.length };
  }
}
