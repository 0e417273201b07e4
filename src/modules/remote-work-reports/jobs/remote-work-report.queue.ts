import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { JobOptions, Queue } from 'bull';
import { reportsConfig } from '../../../config/configuration';
import { idsWithoutLiveJob, isLiveJob } from '../../../queues/live-jobs';
import { JobName, ProcessRemoteWorkReportJob, QueueName } from '../../../queues/queue-names';
import { ReportQueueStats } from './report-queue.stats';

// Internal faults get REPORT_MAX_ATTEMPTS tries, 5 s, 10 s… apart; a bad file is an outcome, not
// a fault. The report's own count of tries (its `attempts` column) caps tries of every kind.
const PROCESS_JOB_BACKOFF: JobOptions['backoff'] = { type: 'exponential', delay: 5000 };

/** The report queue: one job per report, its id the report id, so a report is never queued twice. */
@Injectable()
export class RemoteWorkReportQueue {
  constructor(
    @InjectQueue(QueueName.RemoteWorkReports) private readonly queue: Queue,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
    private readonly stats: ReportQueueStats,
  ) {}

  /**
   * Queues a job for a report that has never had one (just received): Bull adds a job id only
   * once, so this never makes a second job either.
   */
  async enqueue(reportId: string): Promise<void> {
    const data: ProcessRemoteWorkReportJob = { reportId };
    // Its place first: a worker may take the job before add() returns.
    await this.stats.enqueued(reportId);
    await this.queue.add(JobName.ProcessRemoteWorkReport, data, {
      attempts: this.config.maxAttempts,
      backoff: PROCESS_JOB_BACKOFF,
      jobId: reportId,
    });
  }

  /**
   * Makes sure a job for the report is waiting or running. A finished job left in Redis under the
   * same id (completed or failed) is removed first, or Bull would ignore the new one. Returns
   * false when a live job already existed. Bull adds a job id only once (atomically in Redis), so
   * concurrent callers never create two jobs.
   */
  async ensureQueued(reportId: string): Promise<boolean> {
    const existing = await this.queue.getJob(reportId);
    if (existing) {
      if (isLiveJob(existing)) {
        return false;
      }
      await existing.remove();
    }
    await this.enqueue(reportId);
    return true;
  }

  /**
   * {@link ensureQueued} for many reports: which of them lack a live job is asked in one round
   * trip, so a pass over a deadline-day backlog costs Redis O(1) per report. Returns the ids
   * queued again.
   */
  async ensureQueuedMany(reportIds: readonly string[]): Promise<string[]> {
    const queued: string[] = [];
    for (const reportId of await idsWithoutLiveJob(this.queue, reportIds)) {
      if (await this.ensureQueued(reportId)) {
        queued.push(reportId);
      }
    }
    return queued;
  }
}
