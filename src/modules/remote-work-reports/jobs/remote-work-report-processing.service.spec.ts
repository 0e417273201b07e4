import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AutoMock, newTestService } from '../../../../test/support/unit';
import { reportsConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { LocalFileStorage } from '../../files';
import { FILE_STORAGE } from '../../files';
import { OrganizationAccess } from '../../organizations';
import type { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { RemoteWorkReportEvents } from '../events/report-status.events';
import { ReportStatusOutbox } from '../events/report-status.outbox';
import { reportFileKey } from '../files/report-file-key';
import type { ParsedEmployeeRow, ParseOutcome } from '../parsing/remote-work-report.model';
import { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportRowRepository } from '../repositories/remote-work-report-row.repository';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { RemoteWorkReportProcessingService } from './remote-work-report-processing.service';
import { ReportQueueStats } from './report-queue.stats';
import { ParserCrashedError, ReportParserPool } from './report-parser.pool';

const em = { tx: true } as unknown as EntityManager;
const ORG = { inn: '7701234560', ogrn: '1027701234560', fullName: 'ООО «РОМАШКА»' };
const ROW = { rowNumber: 2, accepted: true } as ParsedEmployeeRow;

function report(values: Partial<RemoteWorkReportEntity> = {}): RemoteWorkReportEntity {
  return {
    id: 'r1',
    organizationId: 'org',
    reportingWeek: '2026-11-23',
    status: ReportStatus.QUEUED,
    revision: 3,
    attempts: 0,
    originalKey: 'remote-work-reports/org/r1.original.xlsx',
    ...values,
  } as RemoteWorkReportEntity;
}

function outcome(values: Partial<ParseOutcome>): ParseOutcome {
  return {
    status: 'ACCEPTED',
    rejectionCode: null,
    totalEmployees: 2,
    remoteEmployees: 1,
    employer: null,
    rowsTotal: 1,
    rowsAccepted: 1,
    rowsRejected: 0,
    issues: [],
    ...values,
  };
}

describe(RemoteWorkReportProcessingService.name, () => {
  let dir: string;
  let storage: LocalFileStorage;
  let reports: AutoMock<RemoteWorkReportRepository>;
  let query: AutoMock<RemoteWorkReportQueryService>;
  let rows: AutoMock<RemoteWorkReportRowRepository>;
  let outbox: AutoMock<ReportStatusOutbox>;
  // Whether the fake transaction runner is inside a transaction.
  let inTransaction: boolean;
  let stagedInTransaction: boolean[];
  let recordedInTransaction: boolean[];
  let parser: AutoMock<ReportParserPool>;
  let events: AutoMock<RemoteWorkReportEvents>;
  let service: RemoteWorkReportProcessingService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kabinet-processing-'));
    storage = new LocalFileStorage(dir);
    await storage.putStream(report().originalKey, Readable.from([Buffer.from('xlsx')]));
    inTransaction = false;
    stagedInTransaction = [];
    recordedInTransaction = [];
    const tx = {
      run: async (work: (em: EntityManager) => Promise<unknown>) => {
        inTransaction = true;
        try {
          return await work(em);
        } finally {
          inTransaction = false;
        }
      },
    };
    const built = await newTestService(RemoteWorkReportProcessingService, [
      [DataSource, { manager: {} }],
      [TransactionRunner, tx],
      [FILE_STORAGE, storage],
      [reportsConfig.KEY, { maxRows: 100, maxUnpackedBytes: 1000, maxAttempts: 3 }],
    ]);
    service = built.service;
    reports = built.mock(RemoteWorkReportRepository);
    query = built.mock(RemoteWorkReportQueryService);
    rows = built.mock(RemoteWorkReportRowRepository);
    outbox = built.mock(ReportStatusOutbox);
    parser = built.mock(ReportParserPool);
    events = built.mock(RemoteWorkReportEvents);
    const stats = built.mock(ReportQueueStats);
    stats.started.mockResolvedValue(undefined);
    stats.progressed.mockResolvedValue(undefined);
    stats.finished.mockResolvedValue(undefined);
    query.findInOrganization.mockResolvedValue({ id: 'r1' });
    query.toView.mockReturnValue({ id: 'r1', status: ReportStatus.PROCESSING });
    events.statusChanged.mockResolvedValue(undefined);
    built.mock(OrganizationAccess).findOrganization.mockResolvedValue(ORG);
    outbox.record.mockImplementation(() => {
      recordedInTransaction.push(inTransaction);
      return Promise.resolve();
    });
    reports.transition.mockResolvedValue(true);
    rows.deleteByReport.mockResolvedValue(undefined);
    rows.insertStageBatch.mockImplementation(() => {
      stagedInTransaction.push(inTransaction);
      return Promise.resolve();
    });
    rows.publishStage.mockResolvedValue(undefined);
    rows.clearStage.mockResolvedValue(undefined);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The fake parser hands one batch over, like the child does.
  function parses(result: ParseOutcome) {
    parser.parse.mockImplementation(
      async (_request: unknown, onRows: (rows: ParsedEmployeeRow[]) => Promise<void>) => {
        await onRows([ROW]);
        return result;
      },
    );
  }

  it('should replace the rows and write the outcome in one transaction, leaving the result file to its first download', async () => {
    reports.findWithSuperseded.mockResolvedValue({ entity: report(), superseded: false });
    parses(outcome({ status: 'PARTIALLY_ACCEPTED', rowsRejected: 1 }));

    await service.process('r1');

    // Staged under the try's number, each batch on its own: no transaction during the parse.
    expect(rows.clearStage).toHaveBeenNthCalledWith(1, {}, 'r1');
    expect(rows.insertStageBatch).toHaveBeenCalledWith({}, 'r1', 1, [ROW]);
    expect(stagedInTransaction).toEqual([false]);
    // Then one transaction: the final status, the old rows out, the try's stage in.
    expect(rows.deleteByReport).toHaveBeenCalledWith(em, 'r1');
    expect(rows.publishStage).toHaveBeenCalledWith(em, 'r1', 1);
    expect(rows.publishStage.mock.invocationCallOrder[0]).toBeGreaterThan(
      reports.transition.mock.invocationCallOrder[1],
    );
    // The stage is emptied inside that transaction: a final report has nothing left staged.
    expect(rows.clearStage).toHaveBeenLastCalledWith(em, 'r1');
    expect(rows.clearStage.mock.invocationCallOrder[1]).toBeGreaterThan(
      rows.publishStage.mock.invocationCallOrder[0],
    );
    expect(rows.clearStage).toHaveBeenCalledTimes(2);
    // PROCESSING and its outbox row in one transaction.
    expect(reports.transition).toHaveBeenNthCalledWith(
      1,
      em,
      'r1',
      [ReportStatus.QUEUED, ReportStatus.PROCESSING],
      ReportStatus.PROCESSING,
      expect.objectContaining({ attempts: 1 }),
    );
    expect(reports.transition).toHaveBeenNthCalledWith(
      2,
      em,
      'r1',
      [ReportStatus.PROCESSING],
      ReportStatus.PARTIALLY_ACCEPTED,
      expect.objectContaining({ resultKey: null, rowsRejected: 1 }),
      // Only at the revision the PROCESSING transition left.
      4,
    );
    expect(await storage.exists(reportFileKey('r1', 'result'))).toBe(false);
    // Each status change writes its outbox row (webhooks) inside its own transaction.
    expect(outbox.record.mock.calls).toEqual([
      [em, 'r1', ReportStatus.PROCESSING, expect.any(Date)],
      [em, 'r1', ReportStatus.PARTIALLY_ACCEPTED, expect.any(Date)],
    ]);
    expect(recordedInTransaction).toEqual([true, true]);
    // PROCESSING (the row read, as the transition left it), then the final status.
    expect(events.statusChanged).toHaveBeenCalledTimes(2);
    expect(query.toView).toHaveBeenCalledWith({
      entity: expect.objectContaining({
        id: 'r1',
        status: ReportStatus.PROCESSING,
        revision: 4,
        attempts: 1,
      }),
      superseded: false,
    });
    expect(events.statusChanged).toHaveBeenNthCalledWith(1, {
      id: 'r1',
      status: ReportStatus.PROCESSING,
    });
    // The final view is the row as the compare-and-set left it, not read back.
    expect(query.findInOrganization).not.toHaveBeenCalled();
    expect(query.toView).toHaveBeenLastCalledWith({
      entity: expect.objectContaining({
        id: 'r1',
        status: ReportStatus.PARTIALLY_ACCEPTED,
        revision: 5,
        attempts: 1,
        rowsRejected: 1,
        resultKey: null,
      }),
      superseded: false,
    });
    const options = (parser.parse.mock.calls[0] as [{ options: { organization: unknown } }])[0];
    expect(options.options.organization).toBe(ORG);
  });

  it('should not announce a final status when another run changed the row meanwhile', async () => {
    reports.findWithSuperseded.mockResolvedValue({ entity: report(), superseded: false });
    parses(outcome({}));
    reports.transition.mockResolvedValueOnce(true).mockResolvedValueOnce(false);

    await service.process('r1');

    // PROCESSING only: the run that changed the row finishes the report and announces it.
    expect(events.statusChanged).toHaveBeenCalledTimes(1);
    // Its rows stand: none of this run's are published.
    expect(rows.deleteByReport).not.toHaveBeenCalled();
    expect(rows.publishStage).not.toHaveBeenCalled();
    expect(query.toView).toHaveBeenCalledTimes(1);
  });

  it('should keep no rows of a REJECTED report', async () => {
    reports.findWithSuperseded.mockResolvedValue({ entity: report(), superseded: false });
    parses(outcome({ status: 'REJECTED', rejectionCode: 'FILE_UNREADABLE' as never }));

    await service.process('r1');

    expect(rows.deleteByReport).toHaveBeenCalledWith(em, 'r1');
    expect(rows.publishStage).not.toHaveBeenCalled();
    expect(reports.transition).toHaveBeenLastCalledWith(
      em,
      'r1',
      [ReportStatus.PROCESSING],
      ReportStatus.REJECTED,
      expect.objectContaining({ errorCode: 'FILE_UNREADABLE' }),
      4,
    );
  });

  it('should not announce PROCESSING again on a retry', async () => {
    reports.findWithSuperseded.mockResolvedValue({
      entity: report({ status: ReportStatus.PROCESSING, attempts: 1 }),
      superseded: false,
    });
    parses(outcome({}));
    await service.process('r1');
    expect(events.statusChanged).toHaveBeenCalledTimes(1);
  });

  it('should stop when the report was finished between reading and starting it', async () => {
    reports.findWithSuperseded.mockResolvedValue({ entity: report(), superseded: false });
    reports.transition.mockResolvedValue(false);
    await service.process('r1');
    expect(parser.parse).not.toHaveBeenCalled();
    expect(events.statusChanged).not.toHaveBeenCalled();
  });

  it('should do nothing for a report already finished', async () => {
    reports.findWithSuperseded.mockResolvedValue({
      entity: report({ status: ReportStatus.ACCEPTED }),
      superseded: false,
    });
    await service.process('r1');
    expect(parser.parse).not.toHaveBeenCalled();
  });

  it('should let an infrastructure error through so Bull retries', async () => {
    reports.findWithSuperseded.mockResolvedValue({ entity: report(), superseded: false });
    parser.parse.mockRejectedValue(new Error('Lock wait timeout'));
    await expect(service.process('r1')).rejects.toThrow('Lock wait timeout');
  });

  it('should end a report that kept killing the parser REJECTED with FILE_UNREADABLE', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    reports.findById.mockResolvedValue(report({ status: ReportStatus.REJECTED }));
    await service.fail('r1', new ParserCrashedError('exit code null, signal SIGABRT'));
    expect(reports.transition).toHaveBeenCalledWith(
      em,
      'r1',
      [ReportStatus.QUEUED, ReportStatus.PROCESSING],
      ReportStatus.REJECTED,
      expect.objectContaining({ errorCode: 'FILE_UNREADABLE', rowsTotal: 0 }),
    );
    expect(events.statusChanged).toHaveBeenCalled();
  });

  it('should end a report FAILED after an internal fault', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    reports.findById.mockResolvedValue(report({ status: ReportStatus.FAILED }));
    await service.fail('r1', new Error('ECONNRESET'));
    expect(reports.transition).toHaveBeenCalledWith(
      em,
      'r1',
      [ReportStatus.QUEUED, ReportStatus.PROCESSING],
      ReportStatus.FAILED,
      expect.objectContaining({
        errorCode: 'PROCESSING_FAILED',
        sheetIssues: [expect.objectContaining({ code: 'PROCESSING_FAILED', severity: 'ERROR' })],
      }),
    );
    expect(events.statusChanged).toHaveBeenCalled();
  });

  it('should give a report up, FAILED with PROCESSING_FAILED, once it has had its tries', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    reports.findWithSuperseded.mockResolvedValue({
      entity: report({ status: ReportStatus.PROCESSING, attempts: 3 }),
      superseded: false,
    });
    reports.findById.mockResolvedValue(report({ status: ReportStatus.FAILED }));
    await service.process('r1');
    expect(parser.parse).not.toHaveBeenCalled();
    expect(reports.transition).toHaveBeenCalledTimes(1);
    expect(reports.transition).toHaveBeenCalledWith(
      em,
      'r1',
      [ReportStatus.QUEUED, ReportStatus.PROCESSING],
      ReportStatus.FAILED,
      expect.objectContaining({ errorCode: 'PROCESSING_FAILED' }),
    );
    expect(events.statusChanged).toHaveBeenCalledTimes(1);
  });
});
