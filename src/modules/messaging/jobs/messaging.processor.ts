import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JobName, QueueName } from '../../../queues/queue-names';
import { EmailDriver } from '../drivers/email.driver';
import { SmsDriver } from '../drivers/sms.driver';
import { isSendEmailJob, isSendSmsJob } from './messaging.jobs';

/** Delivers queued SMS and e-mail through the configured drivers (worker processes only). */
@Processor(QueueName.Messaging)
export class MessagingProcessor {
  private readonly logger = new Logger(MessagingProcessor.name);

  constructor(
    private readonly sms: SmsDriver,
    private readonly email: EmailDriver,
  ) {}

  @Process({ name: JobName.SendSms, concurrency: 4 })
  async sendSms(job: Job<unknown>): Promise<void> {
    if (!isSendSmsJob(job.data)) {
      return this.discard(job);
    }
    await this.sms.send(job.data);
  }

  @Process({ name: JobName.SendEmail, concurrency: 4 })
  async sendEmail(job: Job<unknown>): Promise<void> {
    if (!isSendEmailJob(job.data)) {
      return this.discard(job);
    }
    await this.email.send(job.data);
  }

  // Never logs the payload: it holds the text (codes) and the destination.
  @OnQueueFailed()
  onFailed(job: Job<unknown>, error: Error): void {
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(
      `${job.name} job ${String(job.id)} failed (attempt ${job.attemptsMade}${
        final ? ', giving up' : ', will retry'
      }): ${error.message}`,
    );
  }

  // A malformed payload will not get better on retry.
  private async discard(job: Job<unknown>): Promise<void> {
    await job.discard();
    throw new Error(`malformed ${job.name} payload`);
  }
}
