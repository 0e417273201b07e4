import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { FILE_STORAGE } from '../../files';
import type { FileStorage } from '../../files';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { reportFileKey } from '../files/report-file-key';
import { hasResultWorkbook } from '../files/report-result.renderer';
import { ReportIssueCode } from '../parsing/report-issue.model';
import type { ReportIssue } from '../parsing/report-issue.model';
import { ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { defaultReportingWeek } from '../reporting-week';
import { buildRemoteWorkReportTemplate } from '../template/remote-work-report-template.writer';

/** One seeded report: its status and whether it has a result workbook to download. */
export interface DemoReport {
  id: string;
  status: ReportStatus;
  reportingWeek: string;
  hasResultFile: boolean;
}

interface DemoOutcome {
  status: ReportStatus;
  counts: [total: number, remote: number, rows: number, accepted: number, rejected: number] | null;
  issues: ReportIssue[] | null;
  errorCode: string | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

// One report per status, oldest first: each in its own week, so none supersedes another.
const OUTCOMES: readonly DemoOutcome[] = [
  {
    status: ReportStatus.ACCEPTED,
    counts: [12, 3, 3, 3, 0],
    issues: [],
    errorCode: null,
  },
  {
    status: ReportStatus.PARTIALLY_ACCEPTED,
    counts: [12, 3, 3, 2, 1],
    issues: [],
    errorCode: null,
  },
  {
    status: ReportStatus.REJECTED,
    counts: null,
    issues: [
      {
        severity: 'ERROR',
        code: ReportIssueCode.INN_MISMATCH,
        sheet: 'Сведения о работодателе',
        row: 2,
        column: 'D',
        message: 'ИНН не совпадает с ИНН организации, от имени которой загружен отчёт',
      },
    ],
    errorCode: ReportIssueCode.INN_MISMATCH,
  },
  {
    status: ReportStatus.FAILED,
    counts: null,
    issues: [
      {
        severity: 'ERROR',
        code: ReportIssueCode.PROCESSING_FAILED,
        sheet: null,
        row: null,
        column: null,
        message: 'Отчёт не удалось обработать из-за внутренней ошибки. Загрузите файл ещё раз',
      },
    ],
    errorCode: ReportIssueCode.PROCESSING_FAILED,
  },
  { status: ReportStatus.PROCESSING, counts: null, issues: null, errorCode: null },
  { status: ReportStatus.QUEUED, counts: null, issues: null, errorCode: null },
];

/**
 * Demo data of the module (`seed:demo`, never production): one report of an organization in
 * every status, written through the module's own repository with the empty template stored as
 * the original file. The result workbook of a checked report is rendered on its first download,
 * as for any other report. Does nothing when the organization has reports already.
 */
@Injectable()
export class DemoReportSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** The reports made, or `null` when the organization had reports and was left as it is. */
  async seed(organizationId: string, submittedByUserId: string): Promise<DemoReport[] | null> {
    if ((await this.reports.count(this.dataSource.manager, { organizationId })) > 0) {
      return null;
    }
    const template = await buildRemoteWorkReportTemplate();
    const now = Date.now();
    const currentWeek = defaultReportingWeek(new Date(now));
    const entities: RemoteWorkReportEntity[] = [];
    for (const [index, outcome] of OUTCOMES.entries()) {
      const id = randomUUID();
      const originalKey = reportFileKey(id, 'original');
      const stored = await this.storage.putStream(originalKey, Readable.from([template]));
      const weeksBack = OUTCOMES.length - 1 - index;
      const submittedAt = new Date(now - weeksBack * WEEK_MS - (OUTCOMES.length - index) * 1000);
      const week = defaultReportingWeek(new Date(Date.parse(currentWeek) - weeksBack * WEEK_MS));
      const final = outcome.counts !== null || outcome.issues !== null;
      const [total, remote, rows, accepted, rejected] = outcome.counts ?? [];
      entities.push(
        Object.assign(new RemoteWorkReportEntity(), {
          id,
          organizationId,
          reportingWeek: week,
          status: outcome.status,
          revision: final ? 2 : outcome.status === ReportStatus.PROCESSING ? 1 : 0,
          submittedAt,
          processedAt: final ? new Date(submittedAt.getTime() + 60_000) : null,
          fileName: `Отчёт ДЕМО ${week}.xlsx`,
          fileSize: stored.size,
          sha256: stored.sha256,
          originalKey,
          resultKey: null,
          totalEmployees: total ?? null,
          remoteEmployees: remote ?? null,
          rowsTotal: rows ?? null,
          rowsAccepted: accepted ?? null,
          rowsRejected: rejected ?? null,
          sheetIssues: outcome.issues,
          errorCode: outcome.errorCode,
          attempts: final || outcome.status === ReportStatus.PROCESSING ? 1 : 0,
          submittedByUserId,
          apiClientId: null,
          createdAt: submittedAt,
          updatedAt: submittedAt,
        }),
      );
    }
    await this.reports.insertMany(this.dataSource.manager, entities);
    return entities.map((report) => ({
      id: report.id,
      status: report.status,
      reportingWeek: report.reportingWeek,
      hasResultFile: hasResultWorkbook(report.status),
    }));
  }
}
