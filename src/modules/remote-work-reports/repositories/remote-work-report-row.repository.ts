import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RemoteWorkReportRowEntity } from '../entities/remote-work-report-row.entity';
import type { ParsedEmployeeRow } from '../parsing/remote-work-report.model';
import type { ReportIssue } from '../parsing/report-issue.model';

/** The first problem rows of one report, as asked by {@link RemoteWorkReportRowRepository.findIssueRows}. */
export interface IssueRowsRequest {
  reportId: string;
  limit: number;
}

export interface IssueRow {
  reportId: string;
  excelRow: number;
  issues: ReportIssue[];
}

/** The only ORM user of `remote_work_report_rows`. */
@Injectable()
export class RemoteWorkReportRowRepository {
  async deleteByReport(em: EntityManager, reportId: string): Promise<void> {
    await em.delete(RemoteWorkReportRowEntity, { reportId });
  }

  /** One multi-row INSERT per parser batch. */
  async insertBatch(
    em: EntityManager,
    reportId: string,
    rows: readonly ParsedEmployeeRow[],
  ): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await em.insert(
      RemoteWorkReportRowEntity,
      rows.map((row) => ({
        reportId,
        excelRow: row.rowNumber,
        accepted: row.accepted,
        phone: row.phone,
        vehiclePlate: row.vehiclePlate,
        troika: row.troika,
        strelka: row.strelka,
        socialCard: row.socialCard,
        travelPass: row.travelPass,
        raw: row.raw,
        issues: row.issues.length > 0 ? row.issues : null,
        hasIssues: row.issues.length > 0,
      })),
    );
  }

  /**
   * The first `limit` rows with issues of each report, in row order: one round trip for any number
   * of reports, each branch a short range of ix_rwr_rows_issues.
   */
  async findIssueRows(
    em: EntityManager,
    requests: readonly IssueRowsRequest[],
  ): Promise<IssueRow[]> {
    if (requests.length === 0) {
      return [];
    }
    const branch =
      '(SELECT report_id, excel_row, issues FROM remote_work_report_rows ' +
      'WHERE report_id = ? AND has_issues = 1 ORDER BY excel_row LIMIT ?)';
    const sql = requests.map(() => branch).join(' UNION ALL ');
    const params = requests.flatMap((r) => [r.reportId, r.limit]);
    const rows = await em.query<{ report_id: string; excel_row: number; issues: unknown }[]>(
      sql,
      params,
    );
    return rows.map((row) => ({
      reportId: row.report_id,
      excelRow: Number(row.excel_row),
      issues: (typeof row.issues === 'string'
        ? JSON.parse(row.issues)
        : row.issues) as ReportIssue[],
    }));
  }
}
