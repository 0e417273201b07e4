import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { isUUID } from 'class-validator';
import { loadEnv } from '../../../config/env.schema';
import { JobName, QueueName } from '../../../queues/queue-names';
import type { ProcessRemoteWorkReportJob } from '../../../queues/queue-names';
import { RemoteWorkReportProcessingService } from './remote-work-report-processing.service';
import { DEFERRED_JOB_DELAY_MS, ReportSlotGate, deferActiveJob } from './report-slot.gate';

@Processor(QueueName.RemoteWorkReports)
export class ProcessRemoteWorkReportProcessor {
  private readonly logger = new Logger(ProcessRemoteWorkReportProcessor.name);

  constructor(
    private readonly processing: RemoteWorkReportProcessingService,
    private readonly slots: ReportSlotGate,
  ) {}

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
    // Past its organization's fair share while others wait: back to the queue for a moment,
    // before anything of the report changes (no try is counted, its status stays QUEUED).
    const slot = await this.slots.take(reportId);
    if (!slot) {
      this.logger.log({ jobId: job.id }, 'report job deferred: its organization is at its share');
      await deferActiveJob(job, DEFERRED_JOB_DELAY_MS);
      return;
    }
    try {
      await this.processing.process(reportId);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.processing.fail(reportId, error);
      }
      throw error;
    } finally {
      await slot.release();
    }
  }
}
