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

// Each column of remote_work_report_rows beside the value insertBatch writes into it, so the two
// cannot drift apart.
const ROW_VALUES: readonly (readonly [string, (row: ParsedEmployeeRow) => unknown])[] = [
  ['excel_row', (row) => row.rowNumber],
  ['accepted', (row) => (row.accepted ? 1 : 0)],
  ['phone', (row) => row.phone],
  ['vehicle_plate', (row) => row.vehiclePlate],
  ['troika', (row) => row.troika],
  ['strelka', (row) => row.strelka],
  ['social_card', (row) => row.socialCard],
  ['travel_pass', (row) => row.travelPass],
  ['raw', (row) => JSON.stringify(row.raw)],
  ['issues', (row) => (row.issues.length > 0 ? JSON.stringify(row.issues) : null)],
  ['has_issues', (row) => (row.issues.length > 0 ? 1 : 0)],
];
const INSERT_ROWS =
  `INSERT INTO remote_work_report_rows (report_id, ${ROW_VALUES.map(([c]) => c).join(', ')}) ` +
  'VALUES ';
const ROW_PLACEHOLDERS = `(?, ${ROW_VALUES.map(() => '?').join(', ')})`;

/** The only ORM user of `remote_work_report_rows`. */
@Injectable()
export class RemoteWorkReportRowRepository {
  async deleteByReport(em: EntityManager, reportId: string): Promise<void> {
    await em.delete(RemoteWorkReportRowEntity, { reportId });
  }

  /**
   * One multi-row INSERT per parser batch, as plain SQL: TypeORM's insert builder looks up every
   * parameter among all earlier ones, quadratic in the batch, and took about a sixth of the
   * worker's CPU time in a profile of the 200-upload burst benchmark.
   */
  async insertBatch(
    em: EntityManager,
    reportId: string,
    rows: readonly ParsedEmployeeRow[],
  ): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const params: unknown[] = [];
    for (const row of rows) {
      params.push(reportId);
      for (const [, value] of ROW_VALUES) {
        params.push(value(row));
      }
    }
    await em.query(
      INSERT_ROWS + new Array<string>(rows.length).fill(ROW_PLACEHOLDERS).join(', '),
      params,
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
