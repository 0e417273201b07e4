import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { FanOutServiceEventJob, JobName, QueueName } from '../../../queues/queue-names';
import { NotificationFanOutService } from './notification-fan-out.service';

function isFanOutJob(data: unknown): data is FanOutServiceEventJob {
  const job = data as Partial<FanOutServiceEventJob> | null;
  return typeof job?.eventId === 'string' && Number.isInteger(job.revision);
}

/** Matches and fans out stored service events (worker processes only). */
@Processor(QueueName.ServiceEvents)
export class FanOutServiceEventProcessor {
  constructor(private readonly fanOut: NotificationFanOutService) {}

  @Process({ name: JobName.FanOutServiceEvent, concurrency: 2 })
  async handle(job: Job<unknown>): Promise<void> {
    if (!isFanOutJob(job.data)) {
      // A malformed payload will not get better on retry.
      await job.discard();
      throw new Error('malformed fan-out payload');
    }
    await this.fanOut.fanOut(job.data.eventId, job.data.revision);
  }
}
