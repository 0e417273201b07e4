import { RemoteWorkReportRowEntity } from './remote-work-report-row.entity';
import { RemoteWorkReportEntity } from './remote-work-report.entity';
import { ReportDeadlineExtensionEntity } from './report-deadline-extension.entity';

export const REMOTE_WORK_REPORT_ENTITIES = [
  RemoteWorkReportEntity,
  RemoteWorkReportRowEntity,
  ReportDeadlineExtensionEntity,
];
