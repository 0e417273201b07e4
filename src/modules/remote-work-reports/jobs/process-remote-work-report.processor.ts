import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { loadEnv } from '../../../config/env.schema';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { ProcessRemoteWorkReportJob } from '../../../queues/queue-names';
import { RemoteWorkReportProcessingService } from './remote-work-report-processing.service';

@Processor(QueueName.RemoteWorkReports)
export class ProcessRemoteWorkReportProcessor {
  private readonly logger = new Logger(ProcessRemoteWorkReportProcessor.name);

  constructor(private readonly processing: RemoteWorkReportProcessingService) {}

  // One job per parser child: the decorator is read before DI exists, hence loadEnv().
  @Process({
    name: JobName.ProcessRemoteWorkReport,
    concurrency: loadEnv().REPORT_PARSER_CONCURRENCY,
  })
  async handle(job: Job<ProcessRemoteWorkReportJob>): Promise<void> {
    const reportId = job.data?.reportId;
    if (typeof reportId !== 'string' || !isUUID(reportId)) {
      this.logger.error({ jobId: job.id }, 'malformed report job dropped');
      return;
    }
    try {
      await this.processing.process(reportId);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.processing.fail(reportId, error);
      }
      throw error;
    }
  }
}
