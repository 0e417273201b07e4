import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import type { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { ReportInsertBatch } from './report-insert.batch';

const strict = () =>
  jest.fn((...args: unknown[]) => {
    throw new Error(`unexpected call with ${JSON.stringify(args)}`);
  });

const dup = (key: string) =>
  Object.assign(new Error(`Duplicate entry for key '${key}'`), {
    errno: 1062,
    sqlMessage: `Duplicate entry 'x' for key '${key}'`,
  });

const report = (id: string) => Object.assign(new RemoteWorkReportEntity(), { id });

describe(ReportInsertBatch.name, () => {
  let reports: { insert: jest.Mock; insertMany: jest.Mock };
  let batch: ReportInsertBatch;
  const em = { name: 'manager' };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    reports = { insert: strict(), insertMany: strict() };
    batch = new ReportInsertBatch(
      { manager: em } as unknown as DataSource,
      reports as unknown as RemoteWorkReportRepository,
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
    expect(manager).toBe(em);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('should record a report alone with its own statement', async () => {
    reports.insert.mockResolvedValue(undefined);

    await batch.insert(report('a'));

    expect(reports.insert).toHaveBeenCalledWith(em, expect.objectContaining({ id: 'a' }));
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
