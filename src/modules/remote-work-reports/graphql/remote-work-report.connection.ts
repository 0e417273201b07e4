import { Connection, Page } from '../../../shared/graphql/connection';
import { RemoteWorkReport } from './remote-work-report.type';

export const RemoteWorkReportConnection = Connection(
  RemoteWorkReport,
  'RemoteWorkReport',
  'A page of the organization’s remote-work report journal, newest first.',
);
export type RemoteWorkReportConnection = Page<RemoteWorkReport>;
