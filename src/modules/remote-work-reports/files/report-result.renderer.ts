import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { FILE_STORAGE, StoredObjectNotFoundError } from '../../files';
import type { FileStorage } from '../../files';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import type { RemoteWorkReportStatus } from '../parsing/remote-work-report.model';
import { writeResultWorkbook } from '../parsing/result-workbook.writer';
import type { ResultWorkbookRow } from '../parsing/result-workbook.writer';
import { ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportRowRepository } from '../repositories/remote-work-report-row.repository';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { weekLabel } from '../reporting-week';
import { reportFileKey } from './report-file-key';

// Renderings at once per process: a 100 000-row report takes a few seconds of this process's CPU
// (in slices of one page of rows), so a crowd of first downloads waits its turn instead of
// slowing every other request down.
const MAX_CONCURRENT_RENDERINGS = 2;

export function resultKeyOf(report: Pick<RemoteWorkReportEntity, 'id'>): string {
  return reportFileKey(report.id, 'result');
}

// The outcomes of the checks. FAILED is final too, but its file was never checked.
const CHECKED_STATUSES: readonly ReportStatus[] = [
  ReportStatus.ACCEPTED,
  ReportStatus.PARTIALLY_ACCEPTED,
  ReportStatus.REJECTED,
];

/** Whether a report in this status has a result workbook (FAILED and pending ones have none). */
export function hasResultWorkbook(status: ReportStatus): boolean {
  return CHECKED_STATUSES.includes(status);
}

async function* noRows(): AsyncGenerator<ResultWorkbookRow> {}

/**
 * The result workbook of a finished report (REMOTE-WORK-TEMPLATE.md «Result file»), rendered
 * from what the worker stored, its counts, sheet issues and rows, the first time someone asks
 * for it, and then kept in storage under {@link resultKeyOf}. The worker does not write it: most
 * reports are never downloaded, and for the few-row reports that make up a deadline day writing
 * it cost the worker as much as reading the upload. Rows are final once the report is, so the
 * rendering never goes stale.
 */
@Injectable()
export class ReportResultRenderer {
  private readonly rendering = new Map<string, Promise<string>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    private readonly rows: RemoteWorkReportRowRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** A stream of the result workbook of a finished report; rendered first if need be. */
  async open(report: RemoteWorkReportEntity): Promise<Readable> {
    if (report.resultKey) {
      try {
        return await this.storage.openRead(report.resultKey);
      } catch (error) {
        if (!(error instanceof StoredObjectNotFoundError)) {
          throw error;
        }
      }
    }
    return this.storage.openRead(await this.render(report));
  }

  // One rendering per report at a time in this process: concurrent first downloads share it.
  private render(report: RemoteWorkReportEntity): Promise<string> {
    let pending = this.rendering.get(report.id);
    if (!pending) {
      pending = this.withSlot(() => this.renderAndStore(report)).finally(() =>
        this.rendering.delete(report.id),
      );
      this.rendering.set(report.id, pending);
    }
    return pending;
  }

  private async renderAndStore(report: RemoteWorkReportEntity): Promise<string> {
    const path = join(tmpdir(), `kabinet-result-${randomBytes(8).toString('hex')}.xlsx`);
    try {
      const status = report.status as RemoteWorkReportStatus;
      await writeResultWorkbook(
        path,
        {
          status,
          reportingWeek: weekLabel(report.reportingWeek),
          totalEmployees: report.totalEmployees,
          remoteEmployees: report.remoteEmployees,
          rowsTotal: report.rowsTotal ?? 0,
          rowsAccepted: report.rowsAccepted ?? 0,
          rowsRejected: report.rowsRejected ?? 0,
          issues: report.sheetIssues ?? [],
        },
        // A rejected report stores no rows, and its result file lists none either.
        report.status === ReportStatus.REJECTED
          ? noRows()
          : this.rows.resultRows(this.dataSource.manager, report.id),
      );
      const key = resultKeyOf(report);
      await this.storage.putStream(key, createReadStream(path));
      await this.reports.recordResultKey(this.dataSource.manager, report.id, key);
      return key;
    } finally {
      await rm(path, { force: true });
    }
  }

  // A finished rendering hands its slot straight to the next one waiting.
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < MAX_CONCURRENT_RENDERINGS) {
      this.running++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.running--;
      }
    }
  }
}
