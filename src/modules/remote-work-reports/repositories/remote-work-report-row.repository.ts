import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RemoteWorkReportRowEntity } from '../entities/remote-work-report-row.entity';
import type { EmployeeRowValues, ParsedEmployeeRow } from '../parsing/remote-work-report.model';
import type { ReportIssue } from '../parsing/report-issue.model';
import type { ResultWorkbookRow } from '../parsing/result-workbook.writer';

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

// Each column of remote_work_report_rows (and of its stage) beside the value written into it, so the two
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
const ROW_COLUMNS = ROW_VALUES.map(([c]) => c).join(', ');
const INSERT_STAGE_ROWS = `INSERT INTO remote_work_report_row_stage (report_id, attempt, ${ROW_COLUMNS}) VALUES `;
const STAGE_PLACEHOLDERS = `(?, ?, ${ROW_VALUES.map(() => '?').join(', ')})`;
const PUBLISH_STAGE =
  `INSERT INTO remote_work_report_rows (report_id, ${ROW_COLUMNS}) ` +
  `SELECT report_id, ${ROW_COLUMNS} FROM remote_work_report_row_stage ` +
  'WHERE report_id = ? AND attempt = ? ORDER BY excel_row';

const SELECT_RESULT_ROWS =
  'SELECT excel_row, accepted, phone, vehicle_plate, troika, strelka, social_card, travel_pass, ' +
  'raw, issues FROM remote_work_report_rows WHERE report_id = ? AND excel_row > ? ' +
  'ORDER BY excel_row LIMIT ?';

interface StoredRowRecord {
  excel_row: number;
  accepted: number;
  phone: string | null;
  vehicle_plate: string | null;
  troika: string | null;
  strelka: string | null;
  social_card: string | null;
  travel_pass: string | null;
  raw: unknown;
  issues: unknown;
}

// MariaDB's JSON is LONGTEXT: the driver hands it over as text (MySQL's as a value).
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** The only ORM user of `remote_work_report_rows`. */
@Injectable()
export class RemoteWorkReportRowRepository {
  async deleteByReport(em: EntityManager, reportId: string): Promise<void> {
    await em.delete(RemoteWorkReportRowEntity, { reportId });
  }

  /**
   * One parser batch of a try into the stage, one multi-row INSERT as plain SQL (TypeORM's insert
   * builder looks up every parameter among all earlier ones, quadratic in the batch, and took
   * about a sixth of the worker's CPU time in a profile of the 200-upload burst benchmark): on its own
   * (auto-committed) when `em` is the data source's manager, so no transaction stays open while
   * the workbook is parsed.
   */
  async insertStageBatch(
    em: EntityManager,
    reportId: string,
    attempt: number,
    rows: readonly ParsedEmployeeRow[],
  ): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const params: unknown[] = [];
    for (const row of rows) {
      params.push(reportId, attempt);
      for (const [, value] of ROW_VALUES) {
        params.push(value(row));
      }
    }
    await em.query(
      INSERT_STAGE_ROWS + new Array<string>(rows.length).fill(STAGE_PLACEHOLDERS).join(', '),
      params,
    );
  }

  /** The staged rows of one try become the report's rows (inside the final transaction). */
  async publishStage(em: EntityManager, reportId: string, attempt: number): Promise<void> {
    await em.query(PUBLISH_STAGE, [reportId, attempt]);
  }

  /** Drops what tries of the report left in the stage (all of them, or one). */
  async clearStage(em: EntityManager, reportId: string, attempt?: number): Promise<void> {
    await em.query(
      attempt === undefined
        ? 'DELETE FROM remote_work_report_row_stage WHERE report_id = ?'
        : 'DELETE FROM remote_work_report_row_stage WHERE report_id = ? AND attempt = ?',
      attempt === undefined ? [reportId] : [reportId, attempt],
    );
  }

  /**
   * Every row of a report in row order, as the result workbook shows them: read by primary-key
   * ranges of `pageSize`, so memory holds one page whatever the size of the report.
   */
  async *resultRows(
    em: EntityManager,
    reportId: string,
    pageSize = 1000,
  ): AsyncGenerator<ResultWorkbookRow> {
    let after = 0;
    for (;;) {
      const page = await em.query<StoredRowRecord[]>(SELECT_RESULT_ROWS, [
        reportId,
        after,
        pageSize,
      ]);
      for (const record of page) {
        yield {
          rowNumber: Number(record.excel_row),
          accepted: Number(record.accepted) === 1,
          phone: record.phone,
          vehiclePlate: record.vehicle_plate,
          troika: record.troika,
          strelka: record.strelka,
          socialCard: record.social_card,
          travelPass: record.travel_pass,
          raw: json<EmployeeRowValues>(record.raw),
          issues: record.issues === null ? [] : json<ReportIssue[]>(record.issues),
        };
      }
      if (page.length < pageSize) {
        return;
      }
      after = Number(page[page.length - 1].excel_row);
    }
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
      issues: json<ReportIssue[]>(row.issues),
    }));
  }
}
