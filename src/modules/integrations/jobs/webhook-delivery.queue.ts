import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { isLiveJob } from '../../../queues/live-jobs';
import { DeliverWebhookJob, JobName, QueueName } from '../../../queues/queue-names';

// 8 attempts, 1 s after the first failure and doubling (about 2 minutes in all): long enough
// for a receiver's restart or deploy, short enough that the log soon tells the truth.
export const DELIVERY_JOB_OPTIONS: JobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
};

/** The webhook delivery queue: one job per delivery, its id the delivery id. */
@Injectable()
export class WebhookDeliveryQueue {
  constructor(@InjectQueue(QueueName.WebhookDeliveries) private readonly queue: Queue) {}

  /** Queues a delivery; Bull takes a job id once, so queuing twice is harmless. */
  async enqueue(deliveryId: string): Promise<void> {
    const data: DeliverWebhookJob = { deliveryId };
    await this.queue.add(JobName.DeliverWebhook, data, {
      ...DELIVERY_JOB_OPTIONS,
      jobId: deliveryId,
    });
  }

  /**
   * What became of a delivery's job: 'missing' when Redis has none, 'live' while it waits, runs
   * or backs off. Read from the job hash and the failed set, never by scanning the queue's lists
   * (see isLiveJob).
   */
  async outcome(deliveryId: string): Promise<'missing' | 'live' | 'completed' | 'failed'> {
    const job = await this.queue.getJob(deliveryId);
    if (!job) {
      return 'missing';
    }
    if (isLiveJob(job)) {
      return 'live';
    }
    return (await job.isFailed()) ? 'failed' : 'completed';
  }
}
