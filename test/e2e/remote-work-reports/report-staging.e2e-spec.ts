import { restoreReportEnv } from './report-env';
import { readFile } from 'node:fs/promises';
import { writeBenchWorkbook } from '../../support/bench-workbook';
import { parseDatabaseUrl } from '../../../src/database/database-url';
import { makeTempDir } from '../../fixtures/report-workbook.builder';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ensureOrganization,
  memberToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

// Several parser batches (1 000 rows each), still under the test's 1 MiB upload limit.
const ROWS = 5000;

describe('remote-work reports: rows are staged, no transaction is held while a workbook is parsed', () => {
  let t: TestApp;
  let token: string;
  const temp = makeTempDir();
  const database = parseDatabaseUrl(process.env.DATABASE_URL!).database;

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, organizationId, 'HEAD')).token;
  });

  afterAll(async () => {
    await t.close();
    temp.remove();
    restoreReportEnv();
  });

  const count = async (table: string, id: string): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM ${table} WHERE report_id = ?`,
      [id],
    );
    return Number(row.n);
  };

  it('should publish every row at once at the end, with no long transaction on the way', async () => {
    const path = temp.path('staged.xlsx');
    await writeBenchWorkbook(path, ROWS);
    const res = await uploadReport(t, token, await readFile(path), { week: uniqueWeek() });
    const id = res.data!.submitRemoteWorkReport.id as string;

    let oldest = 0;
    const deadline = Date.now() + 240_000;
    for (;;) {
      const [{ status }] = await t.dataSource.query<{ status: string }[]>(
        'SELECT status FROM remote_work_reports WHERE id = ?',
        [id],
      );
      if (status !== 'QUEUED' && status !== 'PROCESSING') {
        break;
      }
      const [trx] = await t.dataSource.query<{ age: string | null }[]>(
        'SELECT MAX(TIMESTAMPDIFF(SECOND, t.trx_started, NOW())) AS age ' +
          'FROM information_schema.INNODB_TRX t ' +
          'JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE p.DB = ?',
        [database],
      );
      oldest = Math.max(oldest, Number(trx.age ?? 0));
      const staged = await count('remote_work_report_row_stage', id);
      if (staged > 0 && staged < ROWS) {
        // Mid-file: batches are committed to the stage, the report shows none of them yet.
        expect(await count('remote_work_report_rows', id)).toBe(0);
      }
      if (Date.now() > deadline) {
        throw new Error(`report ${id} still ${status}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const done = await waitForFinalReport(t, token, id);
    expect(done).toMatchObject({ status: 'ACCEPTED', rowsTotal: ROWS, rowsAccepted: ROWS });
    expect(await count('remote_work_report_rows', id)).toBe(ROWS);
    expect(await count('remote_work_report_row_stage', id)).toBe(0);
    // Whole seconds: the final transaction (or a batch) may straddle one boundary, never more.
    expect(oldest).toBeLessThanOrEqual(1);
  }, 300_000);
});
