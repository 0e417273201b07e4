import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { isLiveJob } from '../../../queues/live-jobs';
import { BuildDataExportJob, JobName, QueueName } from '../../../queues/queue-names';

// A build reads the database and writes one archive: three tries, then FAILED.
export const BUILD_JOB_OPTIONS: JobOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
};

/** One build job per export, its id the export id (Bull adds an id only once). */
@Injectable()
export class DataExportQueue {
  constructor(@InjectQueue(QueueName.DataExports) private readonly queue: Queue) {}

  /** Makes sure a build job is waiting or running; false when one already was. */
  async ensureQueued(exportId: string): Promise<boolean> {
    const existing = await this.queue.getJob(exportId);
    if (existing) {
      if (isLiveJob(existing)) {
        return false;
      }
      await existing.remove();
    }
    const data: BuildDataExportJob = { exportId };
    await this.queue.add(JobName.BuildDataExport, data, { ...BUILD_JOB_OPTIONS, jobId: exportId });
    return true;
  }

  get raw(): Queue {
    return this.queue;
  }
}
