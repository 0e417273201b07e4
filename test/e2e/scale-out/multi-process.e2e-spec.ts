import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { benchOrganization, writeBenchWorkbook } from '../../support/bench-workbook';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import { autogroupNiceOf } from '../../../src/core/process/index';
import {
  AppProcess,
  freePort,
  startAppProcess,
  stopAllAppProcesses,
} from '../../support/app-process';
import { GqlHttpClient, GqlWsClient, Subscription } from '../../support/graphql-client';
import { WebhookReceiver } from '../../support/webhook-receiver';
import {
  ensureOrganization,
  headToken,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

// Two API processes and two workers, as separate `node dist/src/main.js` processes sharing the
// run's MariaDB database, Redis and storage directory (`nest build` must have run). Workers
// publish status changes to Redis, so a subscriber on either API hears about every report.

const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];
const STATUS_CHANGED = 'subscription { remoteWorkReportStatusChanged { id status rowsAccepted } }';
// Employees per report: small ones as in the real week, and a few larger ones.
const SIZES = [1, 3, 3, 7, 40, 400, 2, 5];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Employer {
  organizationId: string;
  token: string;
  rows: number;
  file: Buffer;
  /** One subscription per API process. */
  subscriptions: Subscription<{ remoteWorkReportStatusChanged: Record<string, any> }>[];
  reportId?: string;
}

/** Status events of one report, read until the final one and then for `quietMs` more. */
async function statusesOf(
  subscription: Employer['subscriptions'][number],
  reportId: string,
  quietMs: number,
): Promise<string[]> {
  const statuses: string[] = [];
  while (!FINAL.includes(statuses.at(-1) ?? '')) {
    const event = (await subscription.next(60_000)).data!.remoteWorkReportStatusChanged;
    if (event.id === reportId) {
      statuses.push(event.status as string);
    }
  }
  // A second final event (a report ending twice) would arrive after the first.
  const deadline = Date.now() + quietMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      break;
    }
    try {
      const event = (await subscription.next(left)).data!.remoteWorkReportStatusChanged;
      if (event.id === reportId) {
        statuses.push(event.status as string);
      }
    } catch {
      break;
    }
  }
  return statuses;
}

describe('scale-out: 2 API and 2 worker processes on one database and Redis', () => {
  jest.setTimeout(240_000);

  let dataSource: DataSource;
  let apis: AppProcess[];
  let workers: AppProcess[];
  const sockets: GqlWsClient[] = [];
  const employers: Employer[] = [];
  let temp: string;
  let workerMetricsPorts: number[];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    const env = {
      LOG_LEVEL: 'warn',
      REPORT_PARSER_CONCURRENCY: '1',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    };
    workerMetricsPorts = [await freePort(), await freePort()];
    const workerEnv = (i: number) => ({
      ...env,
      WORKER_METRICS_PORT: String(workerMetricsPorts[i]),
    });
    // The migrations ran in the global setup: the four processes start at once.
    [apis, workers] = await Promise.all([
      Promise.all([startAppProcess('api', env), startAppProcess('api', env)]),
      Promise.all([
        startAppProcess('worker', workerEnv(0)),
        startAppProcess('worker', workerEnv(1)),
      ]),
    ]);
    dataSource = new DataSource(buildDataSourceOptions(process.env.DATABASE_URL!));
    await dataSource.initialize();
    temp = await mkdtemp(join(tmpdir(), 'kabinet-scale-out-'));
    const series = randomInt(10, 100);
    for (const [index, rows] of SIZES.entries()) {
      const organization = benchOrganization(series, randomInt(0, 100_000));
      const organizationId = await ensureOrganization(dataSource, organization);
      const path = join(temp, `${index}.xlsx`);
      await writeBenchWorkbook(path, rows, organization);
      employers.push({
        organizationId,
        token: await headToken(dataSource, organizationId),
        rows,
        file: await readFile(path),
        subscriptions: [],
      });
    }
  });

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await stopAllAppProcesses();
    await dataSource?.destroy();
    await receiver?.close();
    if (temp) {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('should end every report exactly once and tell subscribers on both APIs its final status', async () => {
    expect(apis.map((a) => a.pid)).toHaveLength(2);
    expect(new Set([...apis, ...workers].map((p) => p.pid)).size).toBe(4);
    const clients = apis.map((api) => new GqlHttpClient(api.url!));

    for (const employer of employers) {
      for (const client of clients) {
        const ws = client.ws(employer.token);
        sockets.push(ws);
        await ws.connected;
        employer.subscriptions.push(ws.subscribe(STATUS_CHANGED));
      }
    }
    // The APIs subscribe to the Redis channels asynchronously after `connected`.
    await sleep(500);

    const week = uniqueWeek();
    // Half of the uploads through each API, all at once.
    await Promise.all(
      employers.map(async (employer, i) => {
        const res = await uploadReport({ url: apis[i % 2].url! }, employer.token, employer.file, {
          week,
          fileName: `report-${i}.xlsx`,
        });
        expect(res.errors).toBeUndefined();
        expect(res.data!.submitRemoteWorkReport.status).toBe('QUEUED');
        employer.reportId = res.data!.submitRemoteWorkReport.id as string;
      }),
    );

    // Every subscriber on either API sees QUEUED (published by the API that took the upload),
    // PROCESSING and the final status (published by whichever worker ran the job), once each.
    const seen = await Promise.all(
      employers.flatMap((employer) =>
        employer.subscriptions.map((sub) => statusesOf(sub, employer.reportId!, 1_000)),
      ),
    );
    for (const statuses of seen) {
      expect(statuses).toEqual(['QUEUED', 'PROCESSING', 'ACCEPTED']);
    }

    const ids = employers.map((e) => e.reportId!);
    const reports = await dataSource.query<
      { id: string; status: string; attempts: number; rows_accepted: number; stored: string }[]
    >(
      `SELECT r.id, r.status, r.attempts, r.rows_accepted,
              (SELECT COUNT(*) FROM remote_work_report_rows w WHERE w.report_id = r.id) AS stored
         FROM remote_work_reports r WHERE r.id IN (?)`,
      [ids],
    );
    expect(reports).toHaveLength(employers.length);
    for (const employer of employers) {
      const report = reports.find((r) => r.id === employer.reportId)!;
      // One attempt: no job ran twice, on one worker or on both.
      expect(report).toMatchObject({
        status: 'ACCEPTED',
        attempts: 1,
        rows_accepted: employer.rows,
      });
      expect(Number(report.stored)).toBe(employer.rows);
    }
    // One report per employer and week: no upload was taken twice by the two APIs.
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM remote_work_reports WHERE organization_id IN (?) AND reporting_week = ?',
      [employers.map((e) => e.organizationId), week],
    );
    expect(Number(n)).toBe(employers.length);
    // The workers' own metrics endpoints: together they ran each report's job exactly once.
    const completed = await Promise.all(
      workerMetricsPorts.map(async (port) => {
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const line = text
          .split('\n')
          .find((l) =>
            l.startsWith(
              'kabinet_job_duration_seconds_count{queue="remote-work-reports",outcome="completed"}',
            ),
          );
        return line ? Number(line.split(' ').at(-1)) : 0;
      }),
    );
    expect(completed[0] + completed[1]).toBe(employers.length);
    // Every process is still up.
    for (const proc of [...apis, ...workers]) {
      await expect(Promise.race([proc.exited, sleep(10).then(() => 'running')])).resolves.toBe(
        'running',
      );
    }
  });

  // The processes are started in sessions of their own, as a service manager does: with Linux
  // autogroups a worker's nice value alone would not weigh against the APIs. After the reports
  // above, every worker has forked its parser child.
  it('should run the workers and their parser children below the APIs, their session groups too', async () => {
    const autogroupNice = async (pid: number) =>
      autogroupNiceOf(await readFile(`/proc/${pid}/autogroup`, 'utf8'));
    const children = async (pid: number) =>
      (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
        .split(' ')
        .filter(Boolean)
        .map(Number);
    for (const api of apis) {
      expect(getPriority(api.pid)).toBe(0);
    }
    for (const worker of workers) {
      expect(getPriority(worker.pid)).toBe(10);
    }
    if (existsSync(`/proc/${workers[0].pid}/autogroup`)) {
      for (const api of apis) {
        expect(await autogroupNice(api.pid)).toBe(0);
      }
      for (const worker of workers) {
        expect(await autogroupNice(worker.pid)).toBe(10);
      }
    }
    if (existsSync(`/proc/${workers[0].pid}/task/${workers[0].pid}/children`)) {
      // A worker forks its parser children on its first report: upload until each has had one,
      // whichever tests ran before.
      const employer = employers[0];
      for (let round = 0; round < 20; round++) {
        const started = await Promise.all(workers.map(async (w) => (await children(w.pid)).length));
        if (started.every((count) => count > 0)) {
          break;
        }
        const res = await uploadReport({ url: apis[0].url! }, employer.token, employer.file, {
          week: uniqueWeek(),
        });
        expect(res.errors).toBeUndefined();
        const id = res.data!.submitRemoteWorkReport.id as string;
        await waitForFinalReport({ gql: new GqlHttpClient(apis[0].url!) }, employer.token, id);
      }
      for (const worker of workers) {
        const parsers = await children(worker.pid);
        expect(parsers.length).toBeGreaterThanOrEqual(1);
        for (const pid of parsers) {
          expect(getPriority(pid)).toBe(10);
        }
      }
    }
  });

  it('should send a webhook created through one API the changes made by the other API and the workers', async () => {
    const employer = employers[0];
    const creator = new GqlHttpClient(apis[0].url!);
    const upload = async (week: string) => {
      const res = await uploadReport({ url: apis[1].url! }, employer.token, employer.file, {
        week,
      });
      expect(res.errors).toBeUndefined();
      return res.data!.submitRemoteWorkReport.id as string;
    };
    const final = (id: string) =>
      Promise.all(employer.subscriptions.map((sub) => statusesOf(sub, id, 0)));
    // The uploading API and a worker have now looked the organization's webhooks up: none.
    await final(await upload(uniqueWeek()));

    const created = await creator.ok(
      `mutation($url: String!) {
        createWebhook(url: $url, events: [REMOTE_WORK_REPORT_STATUS_CHANGED]) { webhook { id } }
      }`,
      { url: receiver.url('/scale-out') },
      { token: employer.token },
    );
    expect(created.createWebhook.webhook.id).toBeDefined();

    const id = await upload(uniqueWeek());
    await final(id);
    for (const status of ['QUEUED', 'PROCESSING', 'ACCEPTED']) {
      await receiver.waitFor(
        (r) =>
          r.path === '/scale-out' && r.body.data.reportId === id && r.body.data.status === status,
      );
    }

    // Deleted through the first API: neither the other API nor a worker records a delivery.
    await creator.ok(
      'mutation($id: ID!) { deleteWebhook(id: $id) }',
      { id: created.createWebhook.webhook.id },
      { token: employer.token },
    );
    const after = await upload(uniqueWeek());
    await final(after);
    // The API records QUEUED deliveries before it answers; a worker records its own right after
    // it publishes the status, so give it a moment before counting.
    await sleep(1_000);
    const deliveries = await dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ?
       AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.data.reportId')) = ?`,
      [created.createWebhook.webhook.id, after],
    );
    expect(Number(deliveries[0].n)).toBe(0);
  });
});
