import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { reportsConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { FILE_STORAGE } from '../../files';
import type { FileStorage } from '../../files';
import { OrganizationAccess } from '../../organizations';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { ReportStatusOutbox } from '../events/report-status.outbox';
import { RemoteWorkReportEvents } from '../events/report-status.events';
import type { ParseOutcome } from '../parsing/remote-work-report.model';
import { ReportIssueCode } from '../parsing/report-issue.model';
import { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { FINAL_STATUSES, ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportRowRepository } from '../repositories/remote-work-report-row.repository';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import type { StoredReport } from '../repositories/remote-work-report.repository';
import { ParserCrashedError, ReportParserPool } from './report-parser.pool';
import { ReportQueueStats } from './report-queue.stats';

// Progress of a PROCESSING report goes to subscribers at most this often.
const PROGRESS_INTERVAL_MS = 1000;

const PARSER_CRASH_MESSAGE =
  'Файл не удалось обработать: при чтении он исчерпал отведённые ресурсы или время. Сохраните его в Excel или LibreOffice как «Книга Excel (.xlsx)» без лишних листов и данных и загрузите снова';

/**
 * Processes one report (the job handler's work): QUEUED → PROCESSING → ACCEPTED |
 * PARTIALLY_ACCEPTED | REJECTED. The file is parsed in a child process; its rows are staged in
 * batches, each in a short transaction of its own, under the try's number. One short final
 * transaction writes the final status, deletes any rows of the report and copies the try's stage
 * in, so a retried job replaces rather than adds, and a REJECTED report keeps none; the change is
 * announced after it commits. The result workbook is not written
 * here: it is rendered from the stored rows on its first download (ReportResultRenderer).
 * Infrastructure failures throw, so Bull retries; {@link fail} records the end of the retries.
 */
@Injectable()
export class RemoteWorkReportProcessingService {
  private readonly logger = new Logger(RemoteWorkReportProcessingService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly reports: RemoteWorkReportRepository,
    private readonly rows: RemoteWorkReportRowRepository,
    private readonly organizations: OrganizationAccess,
    private readonly query: RemoteWorkReportQueryService,
    private readonly events: RemoteWorkReportEvents,
    private readonly outbox: ReportStatusOutbox,
    private readonly parser: ReportParserPool,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
    private readonly stats: ReportQueueStats,
  ) {}

  async process(reportId: string): Promise<void> {
    // Taken by a worker: it leaves the queue positions (once, whatever the tries).
    await this.bestEffort(reportId, () => this.stats.started(reportId));
    const found = await this.reports.findWithSuperseded(this.dataSource.manager, reportId);
    // Finished already: a repeated or re-added job has nothing left to do.
    if (!found || FINAL_STATUSES.includes(found.entity.status)) {
      return;
    }
    // Every try counts, however it ended: a thrown error, a timeout, a worker that died without
    // a word (stalled job), a failure that could not be written (the reconciler queues it again).
    // A report that has had its tries ends here instead of looping.
    if (found.entity.attempts >= this.config.maxAttempts) {
      this.logger.error(
        { reportId, attempts: found.entity.attempts },
        'report tries spent: processing given up',
      );
      await this.giveUp(reportId);
      return;
    }
    const started = await this.startProcessing(found);
    if (!started) {
      return;
    }
    const report = started;
    const organization = await this.organizations.findOrganization(report.organizationId);
    if (!organization) {
      throw new Error(`organization ${report.organizationId} of report ${report.id} is missing`);
    }
    // This try's rows go to the stage under its own number (the count of tries it made), each
    // batch in a short transaction of its own: no transaction is open while the file is parsed.
    // What earlier tries left there (a dead worker's) goes first.
    const attempt = report.attempts;
    const em = this.dataSource.manager;
    await this.rows.clearStage(em, report.id);
    const original = await this.storage.materialize(report.originalKey);
    const progress = this.progressOf(report, found.superseded);
    try {
      const outcome = await this.parser.parse(
        {
          filePath: original.path,
          options: {
            organization,
            maxRows: this.config.maxRows,
            maxUnpackedBytes: this.config.maxUnpackedBytes,
          },
        },
        async (batch) => {
          await this.rows.insertStageBatch(em, report.id, attempt, batch);
          await progress.rowsStored(batch.length);
        },
      );
      // One short transaction makes the outcome and its rows visible together: a crash before
      // it leaves the report as it was, after it the whole new result.
      const finished = await this.tx.run(async (tx) => {
        const done = await this.finish(tx, report, outcome);
        if (!done) {
          // Another run moved the report on: its result stands, nothing of this one is kept.
          return null;
        }
        await this.rows.deleteByReport(tx, report.id);
        if (outcome.status !== 'REJECTED') {
          await this.rows.publishStage(tx, report.id, attempt);
        }
        // The stage is emptied in the same transaction (this try's rows and any a dead try's
        // late batch left): once the report reads final, nothing of it is left staged.
        await this.rows.clearStage(tx, report.id);
        return done;
      });
      if (!finished) {
        await this.rows.clearStage(em, report.id, attempt);
      }
      // The final view is the row as the compare-and-set on its revision left it: not read back.
      // `superseded` is as read when the job started.
      if (finished) {
        await this.events.statusChanged(
          this.query.toView({ entity: finished, superseded: found.superseded }),
        );
        await this.bestEffort(reportId, () => this.stats.finished(reportId, new Date()));
      }
    } finally {
      await original.release();
    }
  }

  /**
   * Ends a report whose retries are spent. A file that kept killing the parser is a bad file
   * (REJECTED, FILE_UNREADABLE); anything else is an internal fault (FAILED).
   */
  async fail(reportId: string, error: unknown): Promise<void> {
    this.logger.error({ err: error, reportId }, 'report processing failed for good');
    const now = new Date();
    const crashed = error instanceof ParserCrashedError;
    const status = crashed ? ReportStatus.REJECTED : ReportStatus.FAILED;
    const changed = await this.tx.run(async (em) => {
      await this.rows.deleteByReport(em, reportId);
      await this.rows.clearStage(em, reportId);
      const moved = await this.reports.transition(
        em,
        reportId,
        [ReportStatus.QUEUED, ReportStatus.PROCESSING],
        status,
        crashed
          ? {
              errorCode: ReportIssueCode.FILE_UNREADABLE,
              sheetIssues: [
                {
                  severity: 'ERROR',
                  code: ReportIssueCode.FILE_UNREADABLE,
                  sheet: null,
                  row: null,
                  column: null,
                  message: PARSER_CRASH_MESSAGE,
                },
              ],
              rowsTotal: 0,
              rowsAccepted: 0,
              rowsRejected: 0,
              processedAt: now,
              updatedAt: now,
            }
          : processingFailed(this.config.maxAttempts, now),
      );
      if (moved) {
        await this.outbox.record(em, reportId, status, now);
      }
      return moved;
    });
    const report = changed ? await this.reports.findById(this.dataSource.manager, reportId) : null;
    if (report) {
      await this.announce(report);
    }
  }

  // FAILED with PROCESSING_FAILED, announced like any final status; no rows are kept.
  private async giveUp(reportId: string): Promise<void> {
    const now = new Date();
    const changed = await this.tx.run(async (em) => {
      await this.rows.deleteByReport(em, reportId);
      await this.rows.clearStage(em, reportId);
      const moved = await this.reports.transition(
        em,
        reportId,
        [ReportStatus.QUEUED, ReportStatus.PROCESSING],
        ReportStatus.FAILED,
        processingFailed(this.config.maxAttempts, now),
      );
      if (moved) {
        await this.outbox.record(em, reportId, ReportStatus.FAILED, now);
      }
      return moved;
    });
    const report = changed ? await this.reports.findById(this.dataSource.manager, reportId) : null;
    if (report) {
      await this.announce(report);
    }
  }

  // The report as PROCESSING, or null when it left QUEUED/PROCESSING since it was read (finished
  // by another run).
  private async startProcessing({
    entity: report,
    superseded,
  }: StoredReport): Promise<RemoteWorkReportEntity | null> {
    const changes = { attempts: report.attempts + 1, updatedAt: new Date() };
    // A retry finds it PROCESSING already: subscribers and webhooks have been told.
    const announce = report.status === ReportStatus.QUEUED;
    const started = await this.tx.run(async (em) => {
      const moved = await this.reports.transition(
        em,
        report.id,
        [ReportStatus.QUEUED, ReportStatus.PROCESSING],
        ReportStatus.PROCESSING,
        changes,
      );
      if (moved && announce) {
        await this.outbox.record(em, report.id, ReportStatus.PROCESSING, changes.updatedAt);
      }
      return moved;
    });
    if (!started) {
      return null;
    }
    // The row just read as the compare-and-set left it (revision + 1), so it is not read back.
    // It is exact unless another run touched the row since; the final compare-and-set on the
    // revision then fails and that run finishes the report.
    const entity = Object.assign(new RemoteWorkReportEntity(), report, changes, {
      status: ReportStatus.PROCESSING,
      revision: report.revision + 1,
    });
    if (announce) {
      await this.events.statusChanged(this.query.toView({ entity, superseded }));
    }
    return entity;
  }

  // Writes the outcome, inside the rows' transaction.
  private async finish(
    em: EntityManager,
    report: RemoteWorkReportEntity,
    outcome: ParseOutcome,
  ): Promise<RemoteWorkReportEntity | null> {
    const now = new Date();
    const changes: Partial<RemoteWorkReportEntity> = {
      processedAt: now,
      updatedAt: now,
      // No rendering of an earlier outcome may stand for this one.
      resultKey: null,
      totalEmployees: outcome.totalEmployees,
      remoteEmployees: outcome.remoteEmployees,
      rowsTotal: outcome.rowsTotal,
      rowsAccepted: outcome.rowsAccepted,
      rowsRejected: outcome.rowsRejected,
      sheetIssues: outcome.issues,
      errorCode: outcome.rejectionCode,
    };
    const status = ReportStatus[outcome.status];
    const finished = await this.reports.transition(
      em,
      report.id,
      [ReportStatus.PROCESSING],
      status,
      changes,
      report.revision,
    );
    if (finished) {
      await this.outbox.record(em, report.id, status, now);
    }
    return finished
      ? Object.assign(new RemoteWorkReportEntity(), report, changes, {
          status,
          revision: report.revision + 1,
        })
      : null;
  }

  private async announce(report: RemoteWorkReportEntity): Promise<void> {
    await this.events.statusChanged(
      await this.query.findInOrganization(report.organizationId, report.id),
    );
    await this.bestEffort(report.id, () => this.stats.finished(report.id, new Date()));
  }

  // Rows stored so far, sent to subscribers (and kept for queries) at most once a second: the
  // PROCESSING view with `rowsProcessed`, same revision, so the feed sends it while it grows.
  private progressOf(
    report: RemoteWorkReportEntity,
    superseded: boolean,
  ): { rowsStored(count: number): Promise<void> } {
    let rows = 0;
    // Counted from the first batch stored, not from the job's start (a cold parser child takes
    // a second or two to start): a report whose rows fit in one batch sends no progress at all.
    let lastSentAt: number | null = null;
    return {
      rowsStored: async (count: number) => {
        rows += count;
        const now = Date.now();
        lastSentAt ??= now;
        if (now - lastSentAt < PROGRESS_INTERVAL_MS) {
          return;
        }
        lastSentAt = now;
        const view = this.query.toView({ entity: report, superseded });
        await this.bestEffort(report.id, () => this.stats.progressed(report.id, rows));
        await this.events.progress({ ...view, rowsProcessed: rows });
      },
    };
  }

  // Queue figures are advisory: Redis trouble there never fails a report.
  private async bestEffort(reportId: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn({ err: error, reportId }, 'report queue figures not updated');
    }
  }
}

// The end of a report whose tries are spent on internal faults: nothing is wrong with the file
// as far as anyone knows, so the user is told to upload it again later.
function processingFailed(tries: number, now: Date): Partial<RemoteWorkReportEntity> {
  return {
    errorCode: ReportIssueCode.PROCESSING_FAILED,
    sheetIssues: [
      {
        severity: 'ERROR',
        code: ReportIssueCode.PROCESSING_FAILED,
        sheet: null,
        row: null,
        column: null,
        message: `Отчёт не удалось обработать из-за сбоя на стороне портала (попыток: ${tries}). Ошибок в файле не найдено: загрузите тот же файл ещё раз позже; если сбой повторится, обратитесь в службу поддержки`,
      },
    ],
    processedAt: now,
    updatedAt: now,
  };
}
