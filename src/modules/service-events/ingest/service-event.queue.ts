import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { isLiveJob } from '../../../queues/live-jobs';
import { FanOutServiceEventJob, JobName, QueueName } from '../../../queues/queue-names';

/** Fan-out jobs: retried with backoff; the job id `<eventId>:<revision>` makes an enqueue idempotent. */
export const FAN_OUT_JOB_OPTIONS: JobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Enqueues the matching and fan-out of stored event revisions. */
@Injectable()
export class ServiceEventQueue {
  constructor(@InjectQueue(QueueName.ServiceEvents) private readonly queue: Queue) {}

  async enqueue(jobs: readonly FanOutServiceEventJob[]): Promise<void> {
    if (jobs.length === 0) {
      return;
    }
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: JobName.FanOutServiceEvent,
        data,
        opts: { ...FAN_OUT_JOB_OPTIONS, jobId: `${data.eventId}:${data.revision}` },
      })),
    );
  }

  /**
   * Queues revisions whose job was lost or gave up: a finished or failed job of the same id is
   * removed first (Bull ignores an id it still holds); a live one is left alone.
   */
  async requeue(jobs: readonly FanOutServiceEventJob[]): Promise<void> {
    const missing: FanOutServiceEventJob[] = [];
    for (const data of jobs) {
      const existing = await this.queue.getJob(`${data.eventId}:${data.revision}`);
      if (existing && isLiveJob(existing)) {
        continue;
      }
      await existing?.remove();
      missing.push(data);
    }
    await this.enqueue(missing);
  }
}
