import { BullModule } from '@nestjs/bull';
import { forwardRef, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig, reportsConfig } from '../../config/configuration';
import { QueueName } from '../../queues/queue-names';
import { workerProviders } from '../../queues/worker-providers';
import { UPLOAD_PERMISSION } from '../files';
import { RateLimitModule } from '../../core/rate-limit/index';
import { StorageModule } from '../files';
import { NotificationsModule } from '../notifications';
import { OrganizationsModule } from '../organizations';
import {
  REPORT_CHECK_PARSER_OPTIONS,
  ReportCheckParserPool,
  warmsCheckPoolOnBoot,
} from './check/report-check-parser.pool';
import type { ReportCheckParserPoolOptions } from './check/report-check-parser.pool';
import { RemoteWorkReportCheckService } from './check/remote-work-report-check.service';
import { RemoteWorkComplianceService } from './compliance/remote-work-compliance.service';
import { ReportDeadlinesModule } from './deadlines/report-deadlines.module';
import { RemoteWorkReportEventsModule } from './events/report-status-events.module';
import { ReportStatusOutboxDrain } from './events/report-status-outbox.drain';
import { ReportStatusOutbox } from './events/report-status.outbox';
import { ReportStatusFeed } from './events/report-status.feed';
import { RemoteWorkReportFilesController } from './files/remote-work-report-files.controller';
import { RemoteWorkReportFilesService } from './files/remote-work-report-files.service';
import { ReportResultRenderer } from './files/report-result.renderer';
import { ProcessRemoteWorkReportProcessor } from './jobs/process-remote-work-report.processor';
import { RemoteWorkReportProcessingService } from './jobs/remote-work-report-processing.service';
import { RemoteWorkReportQueue } from './jobs/remote-work-report.queue';
import { ReportQueueStats } from './jobs/report-queue.stats';
import { ReportLiveFactsService } from './queries/report-live-facts.service';
import { RemoteWorkReportQueueResolver } from './remote-work-report-queue.resolver';
import { RemoteWorkReportReconciler } from './jobs/remote-work-report.reconciler';
import { ReportSlotGate } from './jobs/report-slot.gate';
import {
  REPORT_PARSER_POOL_OPTIONS,
  ReportParserPool,
  reportParserChildPath,
} from './jobs/report-parser.pool';
import { RemoteWorkReportQueryService } from './queries/remote-work-report-query.service';
import { ReportIssuesService } from './queries/report-issues.service';
import { RemoteWorkReportCheckResolver } from './remote-work-report-check.resolver';
import { RemoteWorkReportFieldsResolver } from './remote-work-report-fields.resolver';
import { RemoteWorkReportStatusResolver } from './remote-work-report-status.resolver';
import { RemoteWorkReportResolver } from './remote-work-report.resolver';
import { ReportDeadlineReminderTask } from './reminders/report-deadline-reminder.task';
import { ReportReminderRepository } from './repositories/report-reminder.repository';
import { RemoteWorkReportRowRepository } from './repositories/remote-work-report-row.repository';
import { RemoteWorkReportRepository } from './repositories/remote-work-report.repository';
import { ReportAccess, ReportUploadPermission } from './report-access.service';
import { RemoteWorkReportSubmissionService } from './submission/remote-work-report-submission.service';
import { ReportInsertBatch } from './submission/report-insert.batch';

/** Weekly remote-work reports: upload, processing in workers, journal, compliance, files. */
@Module({
  imports: [
    // The queue's own lock and stalled-job settings (they replace the shared `settings` object,
    // hence maxStalledCount again): how fast a job of a killed worker is taken over.
    BullModule.registerQueueAsync({
      name: QueueName.RemoteWorkReports,
      inject: [reportsConfig.KEY],
      useFactory: (config: ConfigType<typeof reportsConfig>) => ({
        settings: {
          lockDuration: config.jobLockMs,
          lockRenewTime: config.jobLockMs / 2,
          stalledInterval: config.stalledCheckMs,
          maxStalledCount: 2,
        },
      }),
    }),
    StorageModule,
    RateLimitModule,
    // organizations will import the events module from this module's index (webhooks).
    forwardRef(() => OrganizationsModule),
    ReportDeadlinesModule,
    RemoteWorkReportEventsModule,
    NotificationsModule,
  ],
  controllers: [RemoteWorkReportFilesController],
  providers: [
    RemoteWorkReportRepository,
    RemoteWorkReportRowRepository,
    ReportAccess,
    ReportUploadPermission,
    { provide: UPLOAD_PERMISSION, useExisting: ReportUploadPermission },
    RemoteWorkReportQueue,
    ReportQueueStats,
    ReportLiveFactsService,
    RemoteWorkReportQueueResolver,
    RemoteWorkReportQueryService,
    ReportIssuesService,
    RemoteWorkReportSubmissionService,
    ReportInsertBatch,
    ReportStatusOutbox,
    RemoteWorkComplianceService,
    RemoteWorkReportFilesService,
    ReportResultRenderer,
    ReportStatusFeed,
    RemoteWorkReportResolver,
    RemoteWorkReportFieldsResolver,
    RemoteWorkReportStatusResolver,
    // checkRemoteWorkReport answers in the API process, with parser children of its own.
    {
      provide: REPORT_CHECK_PARSER_OPTIONS,
      inject: [reportsConfig.KEY, appConfig.KEY],
      useFactory: (
        config: ConfigType<typeof reportsConfig>,
        app: ConfigType<typeof appConfig>,
      ): ReportCheckParserPoolOptions => ({
        childPath: reportParserChildPath(),
        size: config.checkConcurrency,
        maxHeapMb: config.parserMaxHeapMb,
        timeoutMs: config.parseTimeoutMs,
        warmOnBoot: warmsCheckPoolOnBoot(app.role, app.env),
      }),
    },
    ReportCheckParserPool,
    RemoteWorkReportCheckService,
    RemoteWorkReportCheckResolver,
    ...workerProviders(
      {
        provide: REPORT_PARSER_POOL_OPTIONS,
        inject: [reportsConfig.KEY],
        useFactory: (config: ConfigType<typeof reportsConfig>) => ({
          childPath: reportParserChildPath(),
          size: config.parserConcurrency,
          maxHeapMb: config.parserMaxHeapMb,
          timeoutMs: config.parseTimeoutMs,
        }),
      },
      ReportParserPool,
      RemoteWorkReportProcessingService,
      ReportSlotGate,
      ProcessRemoteWorkReportProcessor,
      RemoteWorkReportReconciler,
      ReportReminderRepository,
      ReportDeadlineReminderTask,
      ReportStatusOutboxDrain,
    ),
  ],
  // The upload middleware's gate (UploadsModule.withPermission).
  exports: [UPLOAD_PERMISSION],
})
export class RemoteWorkReportsModule {}
