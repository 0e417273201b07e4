import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoaderSet, RequestLoaders } from '../../../shared/graphql/request-loaders';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { ReportIssue } from '../graphql/report-issue.type';
import type { ReportIssue as ParsedReportIssue } from '../parsing/report-issue.model';
import { IssueSeverity } from '../remote-work-report.enums';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { RemoteWorkReportRowRepository } from '../repositories/remote-work-report-row.repository';

export const ISSUES_DEFAULT = 100;
export const ISSUES_MAX = 1000;
const ROW_ISSUES_LOADER = 'remoteWorkReportRowIssues';

// Loader key: `<reportId>:<how many row issues>` (DataLoader compares keys by value).
type RowIssuesKey = `${string}:${number}`;

/** A parsed issue as the API shows it (a file-level one is placed on the file name). */
export function toIssue(issue: ParsedReportIssue, fileName: string): ReportIssue {
  return {
    severity: issue.severity === 'ERROR' ? IssueSeverity.ERROR : IssueSeverity.WARNING,
    sheet: issue.sheet ?? fileName,
    row: issue.row,
    column: issue.column,
    code: issue.code,
    message: issue.message,
  };
}

/**
 * `RemoteWorkReport.issues(first)`: file and employer-sheet issues first (stored on the report),
 * then row issues in row order. Row issues of every report in a response come from one query
 * through a per-request loader, so a page of 100 reports costs one query, not 100.
 */
@Injectable()
export class ReportIssuesService implements OnModuleInit {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly dataSource: DataSource,
    private readonly rows: RemoteWorkReportRowRepository,
  ) {}

  onModuleInit(): void {
    this.loaders.register<RowIssuesKey, ParsedReportIssue[]>(ROW_ISSUES_LOADER, (keys) =>
      this.loadRowIssues(keys),
    );
  }

  async forReport(
    report: RemoteWorkReport,
    first: number | undefined,
    loaders: LoaderSet,
  ): Promise<ReportIssue[]> {
    const limit = first ?? ISSUES_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > ISSUES_MAX) {
      throw RemoteWorkReportException.issuesLimitInvalid(ISSUES_MAX);
    }
    const issues = report.sheetIssues.slice(0, limit);
    const remaining = limit - issues.length;
    if (remaining > 0 && (report.rowsTotal ?? 0) > 0) {
      const loader = loaders.get<RowIssuesKey, ParsedReportIssue[]>(ROW_ISSUES_LOADER);
      issues.push(...(await loader.load(`${report.id}:${remaining}`)));
    }
    return issues.map((issue) => toIssue(issue, report.fileName));
  }

  private async loadRowIssues(keys: readonly RowIssuesKey[]): Promise<ParsedReportIssue[][]> {
    const requests = keys.map((key) => {
      const at = key.lastIndexOf(':');
      return { reportId: key.slice(0, at), limit: Number(key.slice(at + 1)) };
    });
    // One branch per report (the largest limit asked for it); a row has at least one issue,
    // so `limit` rows always hold `limit` issues.
    const limits = new Map<string, number>();
    for (const { reportId, limit } of requests) {
      limits.set(reportId, Math.max(limit, limits.get(reportId) ?? 0));
    }
    const rows = await this.rows.findIssueRows(
      this.dataSource.manager,
      [...limits].map(([reportId, limit]) => ({ reportId, limit })),
    );
    const byReport = new Map<string, ParsedReportIssue[]>();
    for (const row of rows) {
      const list = byReport.get(row.reportId) ?? [];
      list.push(...row.issues.map((issue) => ({ ...issue, row: issue.row ?? row.excelRow })));
      byReport.set(row.reportId, list);
    }
    return requests.map(({ reportId, limit }) => (byReport.get(reportId) ?? []).slice(0, limit));
  }
}
