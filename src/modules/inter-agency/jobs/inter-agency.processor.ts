import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { CheckAccessRequestJob, CheckInformationSystemJob } from '../../../queues/queue-names';
import { AccessRequestService } from '../access-requests/access-request.service';
import { InformationSystemService } from '../systems/information-system.service';

/** The automatic TEST checks; both handlers are idempotent (guarded state changes). */
@Processor(QueueName.InterAgency)
export class InterAgencyProcessor {
  private readonly logger = new Logger(InterAgencyProcessor.name);

  constructor(
    private readonly systems: InformationSystemService,
    private readonly requests: AccessRequestService,
  ) {}

  @Process(JobName.CheckInformationSystem)
  async checkSystem(job: Job<CheckInformationSystemJob>): Promise<void> {
    const systemId = job.data?.systemId;
    if (typeof systemId !== 'string' || !isUUID(systemId)) {
      this.logger.error({ jobId: job.id }, 'malformed system check dropped');
      return;
    }
    await this.systems.activateTest(systemId);
  }

  @Process(JobName.CheckAccessRequest)
  async checkAccessRequest(job: Job<CheckAccessRequestJob>): Promise<void> {
    const id = job.data?.accessRequestId;
    if (typeof id !== 'string' || !isUUID(id)) {
      this.logger.error({ jobId: job.id }, 'malformed access check dropped');
      return;
    }
    await this.requests.checkTest(id);
  }
}
