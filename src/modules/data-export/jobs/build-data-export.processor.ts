import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { BuildDataExportJob } from '../../../queues/queue-names';
import { DataExportBuilder } from './data-export-builder.service';

@Processor(QueueName.DataExports)
export class BuildDataExportProcessor {
  private readonly logger = new Logger(BuildDataExportProcessor.name);

  constructor(private readonly builder: DataExportBuilder) {}

  @Process({ name: JobName.BuildDataExport, concurrency: 2 })
  async handle(job: Job<BuildDataExportJob>): Promise<void> {
    const exportId = job.data?.exportId;
    if (typeof exportId !== 'string' || !isUUID(exportId)) {
      this.logger.error({ jobId: job.id }, 'malformed data export job dropped');
      return;
    }
    await this.builder.build(exportId);
  }

  // The last attempt failed: the export ends FAILED (the person is told by its status).
  @OnQueueFailed()
  async failed(job: Job<BuildDataExportJob>, error: Error): Promise<void> {
    if (
      job.name !== (JobName.BuildDataExport as string) ||
      job.attemptsMade < (job.opts.attempts ?? 1)
    ) {
      return;
    }
    this.logger.error({ exportId: job.data?.exportId, err: error }, 'data export failed');
    if (typeof job.data?.exportId === 'string' && isUUID(job.data.exportId)) {
      await this.builder.fail(job.data.exportId);
    }
  }
}
