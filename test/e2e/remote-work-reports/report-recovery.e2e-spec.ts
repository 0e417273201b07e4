import { readFile } from 'node:fs/promises';
import Bull from 'bull';
import Redis from 'ioredis';
import { DataSource, QueryRunner } from 'typeorm';
import { writeBenchWorkbook } from '../../support/bench-workbook';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import { parseDatabaseUrl } from '../../../src/database/database-url';
import { QueueName } from '../../../src/queues/queue-names';
import { makeTempDir } from '../../fixtures/report-workbook.builder';
import { AppProcess, startAppProcess, stopAllAppProcesses } from '../../support/app-process';
import {
  ensureOrganization,
  fixtureBytes,
  headToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
} from '../../support/report-fixtures';

// Recovery with Kabinet running as real, separate API and worker processes (from dist/): a
// worker killed mid-file, and Redis losing every job of the run.

const ROWS = 100_000;
const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Short job locks and stalled checks, so a killed worker's job is taken over within seconds;
// one parser child per worker keeps the machine's other work going.
const CHILD_ENV = {
  LOG_LEVEL: 'warn',
  REPORT_MAX_BYTES: String(20 * 1024 * 1024),
  REPORT_PARSER_CONCURRENCY: '1',
  REPORT_JOB_LOCK_SECONDS: '4',
  REPORT_JOB_STALLED_CHECK_SECONDS: '1',
  REPORT_RECONCILE_INTERVAL_SECONDS: '1',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ReportRow {
  status: string;
  rows_total: number | null;
  rows_accepted: number | null;
  attempts: number;
}

describe('remote-work reports: recovery across processes', () => {
  const database = parseDatabaseUrl(process.env.DATABASE_URL!).database;
  const temp = makeTempDir();
  let db: DataSource;
  let api: AppProcess;
  let token: string;
  let organizationId: string;
  let events: Redis;
  // Every status published for a report, as subscribers would receive them.
  const published = new Map<string, string[]>();
  let workers: AppProcess[] = [];

  async function startWorker(): Promise<AppProcess> {
    const worker = await startAppProcess('worker', CHILD_ENV);
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    db = new DataSource(buildDataSourceOptions(process.env.DATABASE_URL!));
    await db.initialize();
    organizationId = await ensureOrganization(db, ROMASHKA);
    token = await headToken(db, organizationId);
    // The raw Redis channel, not the GraphQL subscription: the subscription drops repeated
    // revisions, and a repeated final status is exactly what these tests must catch.
    events = new Redis(REDIS_URL);
    await events.subscribe(`remote-work-report-status:${organizationId}`);
    events.on('message', (_channel: string, message: string) => {
      const { report } = JSON.parse(message) as {
        report: { id: string; status: string; rowsProcessed?: number | null };
      };
      // Progress of a PROCESSING report (rowsProcessed) is not a status change.
      if ((report.rowsProcessed ?? null) === null) {
        published.set(report.id, [...(published.get(report.id) ?? []), report.status]);
      }
    });
    api = await startAppProcess('api', CHILD_ENV);
  }, 120_000);

  // A worker of one test must not take the next test's jobs.
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  });

  afterAll(async () => {
    await stopAllAppProcesses();
    await events?.quit();
    await db?.destroy();
    temp.remove();
  });

  async function report(id: string): Promise<ReportRow> {
    const [row] = await db.query<ReportRow[]>(
      'SELECT status, rows_total, rows_accepted, attempts FROM remote_work_reports WHERE id = ?',
      [id],
    );
    return row;
  }

  async function storedRows(id: string, runner?: QueryRunner): Promise<number> {
    const sql = 'SELECT COUNT(*) AS n FROM remote_work_report_rows WHERE report_id = ?';
    const [row] = await (runner ?? db).query<{ n: string }[]>(sql, [id]);
    return Number(row.n);
  }

  async function stagedRows(id: string): Promise<number> {
    const sql = 'SELECT COUNT(*) AS n FROM remote_work_report_row_stage WHERE report_id = ?';
    const [row] = await db.query<{ n: string }[]>(sql, [id]);
    return Number(row.n);
  }

  // The age in whole seconds of the oldest transaction open on the run's database.
  async function oldestTransactionSeconds(): Promise<number> {
    const [row] = await db.query<{ age: string | null }[]>(
      'SELECT MAX(TIMESTAMPDIFF(SECOND, t.trx_started, NOW())) AS age ' +
        'FROM information_schema.INNODB_TRX t ' +
        'JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE p.DB = ?',
      [database],
    );
    return Number(row.age ?? 0);
  }

  async function waitForFinal(id: string, timeoutMs: number): Promise<ReportRow> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await report(id);
      if (FINAL.includes(row.status)) {
        return row;
      }
      if (Date.now() > deadline) {
        throw new Error(`report ${id} still ${row.status}`);
      }
      await sleep(250);
    }
  }

  async function submit(file: Buffer): Promise<string> {
    const res = await uploadReport({ url: api.url! }, token, file, { week: uniqueWeek() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitRemoteWorkReport.status).toBe('QUEUED');
    return res.data!.submitRemoteWorkReport.id as string;
  }

  it('should end a 100 000-row report once, with every row, after its worker is SIGKILLed mid-file', async () => {
    const path = temp.path('large.xlsx');
    await writeBenchWorkbook(path, ROWS);
    const first = await startWorker();
    const id = await submit(await readFile(path));

    // The rows are staged batch by batch, each batch committed on its own: no transaction
    // stays open while the workbook is parsed, and the report's own rows stay as they were.
    let seen = 0;
    let oldest = 0;
    const deadline = Date.now() + 120_000;
    while (seen < ROWS / 5) {
      if (Date.now() > deadline) {
        throw new Error(`worker staged only ${seen} rows: ${first.output()}`);
      }
      await sleep(100);
      oldest = Math.max(oldest, await oldestTransactionSeconds());
      seen = await stagedRows(id);
      expect(await storedRows(id)).toBe(0);
    }
    await first.kill();
    expect(seen).toBeLessThan(ROWS);
    // Whole seconds: a batch's transaction may straddle a second's boundary, never two.
    expect(oldest).toBeLessThanOrEqual(1);
    expect((await report(id)).status).toBe('PROCESSING');
    // The killed try left only staged rows, which nobody reads: nothing half-done is visible.
    expect(await storedRows(id)).toBe(0);

    await startWorker();
    const done = await waitForFinal(id, 150_000);
    expect(done).toMatchObject({
      status: 'ACCEPTED',
      rows_total: ROWS,
      rows_accepted: ROWS,
      attempts: 2,
    });
    expect(await storedRows(id)).toBe(ROWS);
    // The stage is emptied: of the dead try's rows when the next try started, of its own after.
    expect(await stagedRows(id)).toBe(0);

    // Nothing runs it a third time: the job is completed, and the report was announced once.
    const queue = new Bull(QueueName.RemoteWorkReports, REDIS_URL, { prefix: `bull:${database}` });
    try {
      await sleep(3000);
      expect(await (await queue.getJob(id))?.getState()).toBe('completed');
    } finally {
      await queue.close();
    }
    expect(published.get(id)).toEqual(['QUEUED', 'PROCESSING', 'ACCEPTED']);
    expect(await storedRows(id)).toBe(ROWS);
    // The result workbook of the run that finished, served like any other.
    const result = await fetch(`${api.url}/files/remote-work-reports/${id}/result`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(result.status).toBe(200);
    expect((await result.arrayBuffer()).byteLength).toBeGreaterThan(ROWS);
    expect((await report(id)).attempts).toBe(2);
  }, 300_000);

  it('should lose no queued report when Redis forgets every job of the run', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await submit(fixtureBytes()));
    }
    const queue = new Bull(QueueName.RemoteWorkReports, REDIS_URL, { prefix: `bull:${database}` });
    try {
      expect((await queue.getJobCounts()).waiting).toBeGreaterThanOrEqual(ids.length);
      // What FLUSHALL does to this run, and only to it: the Redis is shared with other test runs
      // and developers' apps on the machine, whose queues a real FLUSHALL would wipe too. Every key
      // of the run lives under its Bull prefix or its own namespace (QueuesModule, redisConfig).
      const removed = await deleteKeys([`bull:${database}:*`, `kabinet:${database}:*`]);
      expect(removed).toBeGreaterThan(0);
      expect(await queue.getJob(ids[0])).toBeNull();
      expect((await queue.getJobCounts()).waiting).toBe(0);

      await startWorker();
      for (const id of ids) {
        expect((await waitForFinal(id, 60_000)).status).toBe('PARTIALLY_ACCEPTED');
      }
      // Enough reconciler passes to queue anything a second time, had it a reason to.
      await sleep(3000);
      for (const id of ids) {
        expect(published.get(id)).toEqual(['QUEUED', 'PROCESSING', 'PARTIALLY_ACCEPTED']);
        expect(await report(id)).toMatchObject({ attempts: 1, rows_total: 9 });
        expect(await storedRows(id)).toBe(9);
        expect(await (await queue.getJob(id))?.getState()).toBe('completed');
      }
    } finally {
      await queue.close();
    }
  }, 180_000);

  async function deleteKeys(patterns: string[]): Promise<number> {
    const redis = new Redis(REDIS_URL);
    let removed = 0;
    try {
      for (const match of patterns) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) {
            removed += await redis.del(...keys);
          }
        } while (cursor !== '0');
      }
    } finally {
      await redis.quit();
    }
    return removed;
  }
});
