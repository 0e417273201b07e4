import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { JobName, QueueName } from '../../queues/queue-names';
import { MESSAGE_JOB_OPTIONS, SendEmailJob, SendSmsJob } from './jobs/messaging.jobs';

function withJobId(jobId: string | undefined): JobOptions {
  return jobId === undefined ? MESSAGE_JOB_OPTIONS : { ...MESSAGE_JOB_OPTIONS, jobId };
}

/**
 * Sends SMS and e-mail through the `messaging` queue: the caller returns at once, and a worker
 * delivers with retries, so an unavailable gateway delays a message but does not lose it.
 */
@Injectable()
export class MessagingService {
  constructor(@InjectQueue(QueueName.Messaging) private readonly queue: Queue) {}

  /**
   * Queues an SMS to an E.164 number. With a `jobId`, a second call while the first job is still
   * in the queue adds nothing (Bull keeps one job per id).
   */
  async sendSms(to: string, text: string, jobId?: string): Promise<void> {
    const job: SendSmsJob = { to, text };
    await this.queue.add(JobName.SendSms, job, withJobId(jobId));
  }

  /** Queues a plain-text e-mail; `jobId` as for {@link sendSms}. */
  async sendEmail(to: string, subject: string, text: string, jobId?: string): Promise<void> {
    const job: SendEmailJob = { to, subject, text };
    await this.queue.add(JobName.SendEmail, job, withJobId(jobId));
  }

  /**
   * Drops queued messages by job id (waiting, delayed or waiting to retry): a message being sent
   * right now, or already gone, is left alone. Returns how many were dropped.
   */
  async cancel(jobIds: readonly string[]): Promise<number> {
    let dropped = 0;
    for (const jobId of jobIds) {
      const job = await this.queue.getJob(jobId);
      if (!job || (await job.isActive())) {
        continue;
      }
      try {
        await job.remove();
        dropped += 1;
      } catch {
        // Taken by a worker between the two calls: it is being sent.
      }
    }
    return dropped;
  }
}
