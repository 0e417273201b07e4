// The remote-work reports module's public surface: the only path other modules import from.
export { REMOTE_WORK_REPORT_ENTITIES } from './entities';
export { ReportDeadlinesModule } from './deadlines/report-deadlines.module';
export { ReportDeadlineService } from './deadlines/report-deadline.service';
export { RemoteWorkReportEventsModule } from './events/report-status-events.module';
export { RemoteWorkReportEvents } from './events/report-status.events';
export type { ReportStatusChange, ReportStatusListener } from './events/report-status.events';
export { ReportStatus } from './remote-work-report.enums';
export { isMonday, parseInstantWithOffset, regularDeadline } from './reporting-week';
export { RemoteWorkReportsModule } from './remote-work-reports.module';
export { DemoReportsModule } from './demo/demo-reports.module';
export { DemoReportSeeder } from './demo/demo-report.seeder';
export type { DemoReport } from './demo/demo-report.seeder';
