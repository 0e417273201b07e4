import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isDuplicateKey } from '../../../shared/database/duplicate-key';
import { perTurnBatch } from '../../../shared/database/per-turn-batch';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { ReportStatusOutbox } from '../events/report-status.outbox';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/**
 * Records new reports, those of uploads answered together with one statement. A statement that
 * is refused inserts nothing (a byte-identical upload met the unique key, say); then each report
 * is inserted on its own, so a refusal reaches only its own upload, with its own error.
 */
@Injectable()
export class ReportInsertBatch {
  private readonly logger = new Logger(ReportInsertBatch.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    private readonly outbox: ReportStatusOutbox,
  ) {}

  /** Resolves once the report is recorded; rejects with its own statement's error. */
  insert(report: RemoteWorkReportEntity): Promise<void> {
    return this.batch(report);
  }

  private readonly batch = perTurnBatch<RemoteWorkReportEntity, void>(async (reports) => {
    // Each report's QUEUED goes to the status outbox in the same transaction as the report.
    if (reports.length > 1) {
      try {
        await this.dataSource.transaction(async (em) => {
          await this.reports.insertMany(em, reports);
          await this.outbox.recordInserted(em, reports);
        });
        return reports.map(() => undefined);
      } catch (error) {
        this.logger.debug({ err: error, reports: reports.length }, 'report batch refused');
      }
    }
    return Promise.all(
      reports.map((report) =>
        this.dataSource
          .transaction(async (em) => {
            await this.reports.insert(em, report);
            await this.outbox.recordInserted(em, [report]);
          })
          .then(
            () => undefined,
            // Its own fresh id already there: the batch committed, only its answer was lost.
            (error: unknown) => (isDuplicateKey(error, 'PRIMARY') ? undefined : asError(error)),
          ),
      ),
    );
  });
}
