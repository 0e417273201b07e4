import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { JobName, ProcessRemoteWorkReportJob, QueueName } from '../../../queues/queue-names';

// Internal faults get three tries, 5 s and 10 s apart; a bad file is an outcome, not a fault.
export const PROCESS_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
};

const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'paused']);

/** The report queue: one job per report, its id the report id, so a report is never queued twice. */
@Injectable()
export class RemoteWorkReportQueue {
  constructor(@InjectQueue(QueueName.RemoteWorkReports) private readonly queue: Queue) {}

  /**
   * Queues a job for a report that has never had one (just received): Bull adds a job id only
   * once, so this never makes a second job either.
   */
  async enqueue(reportId: string): Promise<void> {
    const data: ProcessRemoteWorkReportJob = { reportId };
    await this.queue.add(JobName.ProcessRemoteWorkReport, data, {
      ...PROCESS_JOB_OPTIONS,
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
      if (LIVE_STATES.has(await existing.getState())) {
        return false;
      }
      await existing.remove();
    }
    await this.enqueue(reportId);
    return true;
  }
}
