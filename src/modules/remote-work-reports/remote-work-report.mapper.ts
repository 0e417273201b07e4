import { hasResultWorkbook } from './files/report-result.renderer';
import { RemoteWorkReport } from './graphql/remote-work-report.type';
import type { StoredReport } from './repositories/remote-work-report.repository';

/** `${PUBLIC_URL}/files/remote-work-reports/:id/original|result`. */
export function reportFileUrl(publicUrl: string, id: string, file: 'original' | 'result'): string {
  return `${publicUrl}/files/remote-work-reports/${id}/${file}`;
}

/** The GraphQL view of a stored report. */
export function toRemoteWorkReport(
  { entity, superseded }: StoredReport,
  publicUrl: string,
): RemoteWorkReport {
  return {
    id: entity.id,
    reportingWeek: entity.reportingWeek,
    status: entity.status,
    submittedAt: entity.submittedAt,
    processedAt: entity.processedAt,
    fileName: entity.fileName,
    fileSize: entity.fileSize,
    sha256: entity.sha256,
    totalEmployees: entity.totalEmployees,
    remoteEmployees: entity.remoteEmployees,
    rowsTotal: entity.rowsTotal,
    rowsAccepted: entity.rowsAccepted,
    rowsRejected: entity.rowsRejected,
    originalFileUrl: reportFileUrl(publicUrl, entity.id, 'original'),
    // Rendered on the first download (ReportResultRenderer), so it exists for every final report.
    resultFileUrl: hasResultWorkbook(entity.status)
      ? reportFileUrl(publicUrl, entity.id, 'result')
      : null,
    superseded,
    organizationId: entity.organizationId,
    createdAt: entity.createdAt,
    revision: entity.revision,
    sheetIssues: entity.sheetIssues ?? [],
  };
}

/** A view that went through JSON (Redis pub/sub) with its dates back as Date objects. */
export function reviveRemoteWorkReport(report: RemoteWorkReport): RemoteWorkReport {
  return {
    ...report,
    submittedAt: new Date(report.submittedAt),
    processedAt: report.processedAt === null ? null : new Date(report.processedAt),
    createdAt: new Date(report.createdAt),
  };
}
