import { Module } from '@nestjs/common';
import { ReportDeadlineExtensionRepository } from '../repositories/report-deadline-extension.repository';
import { ReportDeadlineService } from './report-deadline.service';

/** Reporting-week deadlines; also loaded by the operator CLI, which has no queues or GraphQL. */
@Module({
  providers: [ReportDeadlineService, ReportDeadlineExtensionRepository],
  exports: [ReportDeadlineService],
})
export class ReportDeadlinesModule {}
