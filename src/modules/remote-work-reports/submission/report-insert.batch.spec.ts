import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AutoMock, newTestService } from '../../../../test/support/unit';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import { ReportStatusOutbox } from '../events/report-status.outbox';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { ReportInsertBatch } from './report-insert.batch';

const dup = (key: string) =>
  Object.assign(new Error(`Duplicate entry for key '${key}'`), {
    errno: 1062,
    sqlMessage: `Duplicate entry 'x' for key '${key}'`,
  });

const report = (id: string) => Object.assign(new RemoteWorkReportEntity(), { id });

describe(ReportInsertBatch.name, () => {
  let reports: AutoMock<RemoteWorkReportRepository>;
  let outbox: AutoMock<ReportStatusOutbox>;
  let batch: ReportInsertBatch;
  // Each unit of work in its own fake transaction: its outbox rows count once it commits.
  let recorded: string[];
  let transactions: Array<{ outbox: string[] }>;

  beforeEach(async () => {
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    recorded = [];
    transactions = [];
    const dataSource = {
      transaction: async (work: (tx: unknown) => Promise<unknown>) => {
        const tx = { outbox: [] as string[] };
        transactions.push(tx);
        const result = await work(tx);
        recorded.push(...tx.outbox);
        return result;
      },
    };
    const built = await newTestService(ReportInsertBatch, [[DataSource, dataSource]]);
    batch = built.service;
    reports = built.mock(RemoteWorkReportRepository);
    outbox = built.mock(ReportStatusOutbox);
    outbox.recordInserted.mockImplementation(
      (tx: { outbox: string[] }, rows: RemoteWorkReportEntity[]) => {
        tx.outbox.push(...rows.map((r) => r.id));
        return Promise.resolve();
      },
    );
  });

  afterEach(() => jest.restoreAllMocks());

  const insertThree = () =>
    Promise.allSettled(['a', 'b', 'c'].map((id) => batch.insert(report(id))));

  it('should record the reports of one turn with one statement', async () => {
    reports.insertMany.mockResolvedValue(undefined);

    const results = await insertThree();

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(reports.insertMany).toHaveBeenCalledTimes(1);
    const [manager, rows] = reports.insertMany.mock.calls[0] as [unknown, RemoteWorkReportEntity[]];
    expect(manager).toBe(transactions[0]);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    // Their QUEUED status changes go to the outbox in the same transaction.
    expect(outbox.recordInserted).toHaveBeenCalledWith(manager, rows);
    expect(recorded).toEqual(['a', 'b', 'c']);
  });

  it('should record a report alone with its own statement', async () => {
    reports.insert.mockResolvedValue(undefined);

    await batch.insert(report('a'));

    expect(reports.insert).toHaveBeenCalledWith(
      transactions[0],
      expect.objectContaining({ id: 'a' }),
    );
    expect(recorded).toEqual(['a']);
  });

  it('should record each on its own when the shared statement is refused, failing only the refused one with its own error', async () => {
    reports.insertMany.mockRejectedValue(dup('uq_rwr_org_week_sha256'));
    const own = dup('uq_rwr_org_week_sha256');
    reports.insert.mockImplementation((_em: unknown, r: RemoteWorkReportEntity) =>
      r.id === 'b' ? Promise.reject(own) : Promise.resolve(),
    );

    const results = await insertThree();

    expect(results).toEqual([
      { status: 'fulfilled', value: undefined },
      { status: 'rejected', reason: own },
      { status: 'fulfilled', value: undefined },
    ]);
    expect(reports.insert).toHaveBeenCalledTimes(3);
    // The refused report leaves no status change behind; the others each have theirs.
    expect(recorded.sort()).toEqual(['a', 'c']);
  });

  it('should take a report whose own id is already there as recorded: the refused statement had committed', async () => {
    reports.insertMany.mockRejectedValue(new Error('connection lost'));
    reports.insert.mockRejectedValue(dup('PRIMARY'));

    const results = await insertThree();

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('should fail every report when the database refuses each of them', async () => {
    reports.insertMany.mockRejectedValue(new Error('connection lost'));
    reports.insert.mockRejectedValue(new Error('connection lost'));

    const results = await insertThree();

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
