import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { JobName, QueueName } from '../../queues/queue-names';
import { MESSAGE_JOB_OPTIONS, SendEmailJob, SendSmsJob } from './jobs/messaging.jobs';

/**
 * Sends SMS and e-mail through the `messaging` queue: the caller returns at once, and a worker
 * delivers with retries, so an unavailable gateway delays a message but does not lose it.
 */
@Injectable()
export class MessagingService {
  constructor(@InjectQueue(QueueName.Messaging) private readonly queue: Queue) {}

  /** Queues an SMS to an E.164 number. */
  async sendSms(to: string, text: string): Promise<void> {
    const job: SendSmsJob = { to, text };
    await this.queue.add(JobName.SendSms, job, MESSAGE_JOB_OPTIONS);
  }

  /** Queues a plain-text e-mail. */
  async sendEmail(to: string, subject: string, text: string): Promise<void> {
    const job: SendEmailJob = { to, subject, text };
    await this.queue.add(JobName.SendEmail, job, MESSAGE_JOB_OPTIONS);
  }
}
