import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { isLiveJob } from '../../../queues/live-jobs';
import {
  CheckAccessRequestJob,
  CheckInformationSystemJob,
  JobName,
  QueueName,
} from '../../../queues/queue-names';

const CHECK_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
};

/**
 * The `inter-agency` queue: the automatic TEST checks. One job per system or request (its id in
 * the job id), so a check is never queued twice; a finished job is replaced, so a request can be
 * checked again when one of its systems becomes ACTIVE.
 */
@Injectable()
export class InterAgencyQueue {
  constructor(@InjectQueue(QueueName.InterAgency) private readonly queue: Queue) {}

  async checkSystem(systemId: string): Promise<void> {
    const data: CheckInformationSystemJob = { systemId };
    await this.ensure(JobName.CheckInformationSystem, `system:${systemId}`, data);
  }

  async checkAccessRequest(accessRequestId: string): Promise<void> {
    const data: CheckAccessRequestJob = { accessRequestId };
    await this.ensure(JobName.CheckAccessRequest, `request:${accessRequestId}`, data);
  }

  private async ensure(name: JobName, jobId: string, data: object): Promise<void> {
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      if (isLiveJob(existing)) {
        return;
      }
      await existing.remove();
    }
    await this.queue.add(name, data, { ...CHECK_JOB_OPTIONS, jobId });
  }
}
