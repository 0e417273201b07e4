import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { CheckLinkJob } from '../../../queues/queue-names';
import { LINK_CHECK_PATHS } from '../registry/http-person.registry';
import type { LinkKind } from '../registry/person-registry.port';
import { LinkCheckService } from './link-check.service';

function isLinkKind(value: unknown): value is LinkKind {
  return typeof value === 'string' && Object.hasOwn(LINK_CHECK_PATHS, value);
}

@Processor(QueueName.DocumentChecks)
export class CheckLinkProcessor {
  private readonly logger = new Logger(CheckLinkProcessor.name);

  constructor(private readonly checks: LinkCheckService) {}

  @Process({ name: JobName.CheckLink, concurrency: 4 })
  async handle(job: Job<CheckLinkJob>): Promise<void> {
    const { kind, id } = job.data ?? {};
    if (!isLinkKind(kind) || typeof id !== 'string' || !isUUID(id)) {
      this.logger.error({ jobId: job.id }, 'malformed link check job dropped');
      return;
    }
    await this.checks.check(kind, id);
  }
}
