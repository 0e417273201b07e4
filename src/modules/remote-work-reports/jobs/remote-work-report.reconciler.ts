import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { reportsConfig } from '../../../config/configuration';
import { PeriodicTask, PeriodicWork } from '../../../queues/periodic/periodic-task';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { RemoteWorkReportQueue } from './remote-work-report.queue';

const PAGE = 500;

/**
 * MySQL is the source of truth for reports; Redis only carries their jobs. Every
 * REPORT_RECONCILE_INTERVAL_SECONDS a worker looks for QUEUED or PROCESSING reports without a
 * live job (Redis restarted or flushed, a job lost with a worker, an enqueue that failed after
 * the upload was stored) and queues them again under the report's id, which Bull accepts once,
 * so workers reconciling at the same time never queue a report twice.
 */
@Injectable()
@PeriodicTask({ name: 'remote-work-report-reconcile', everyMs: 30_000 })
export class RemoteWorkReportReconciler implements PeriodicWork {
  private readonly logger = new Logger(RemoteWorkReportReconciler.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    private readonly queue: RemoteWorkReportQueue,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  periodMs(): number {
    return this.config.reconcileIntervalMs;
  }

  async run(): Promise<void> {
    // Reports changed in the last interval are most likely just being enqueued or processed.
    await this.reconcile(this.config.reconcileIntervalMs);
  }

  /** Queues again every pending report unchanged for `minAgeMs`; returns how many it queued. */
  reconcile(minAgeMs = 0): Promise<number> {
    // One pass at a time per process.
    this.running ??= this.pass(new Date(Date.now() - minAgeMs)).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(changedBefore: Date): Promise<number> {
    let queued = 0;
    let after: { updatedAt: Date; id: string } | undefined;
    for (;;) {
      const page = await this.reports.findPending(
        this.dataSource.manager,
        changedBefore,
        PAGE,
        after,
      );
      const again = new Set(await this.queue.ensureQueuedMany(page.map((report) => report.id)));
      for (const report of page.filter((pending) => again.has(pending.id))) {
        queued++;
        this.logger.warn({ reportId: report.id, status: report.status }, 'report queued again');
      }
      if (page.length < PAGE) {
        return queued;
      }
      const last = page[page.length - 1];
      after = { updatedAt: last.updatedAt, id: last.id };
    }
  }
}
