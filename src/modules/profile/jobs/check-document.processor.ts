import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { CheckDocumentJob } from '../../../queues/queue-names';
import { DocumentCheckService } from './document-check.service';

@Processor(QueueName.DocumentChecks)
export class CheckDocumentProcessor {
  private readonly logger = new Logger(CheckDocumentProcessor.name);

  constructor(private readonly checks: DocumentCheckService) {}

  @Process({ name: JobName.CheckDocument, concurrency: 4 })
  async handle(job: Job<CheckDocumentJob>): Promise<void> {
    const documentId = job.data?.documentId;
    if (typeof documentId !== 'string' || !isUUID(documentId)) {
      this.logger.error({ jobId: job.id }, 'malformed document check job dropped');
      return;
    }
    await this.checks.check(documentId);
  }
}
