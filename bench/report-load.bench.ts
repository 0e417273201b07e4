import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppProcess, startAppProcess, stopAllAppProcesses } from '../test/support/app-process';
import { ensureOrganization, headToken } from '../test/support/report-fixtures';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { parseDatabaseUrl } from '../src/database/database-url';
import { defaultReportingWeek } from '../src/modules/remote-work-reports/reporting-week';
import { benchOrganization, writeBenchWorkbook } from '../test/support/bench-workbook';
import {
  commandTimes,
  CpuTimes,
  groupTimes,
  processTimes,
  startCpuMeter,
  sumTimes,
  threadTimes,
} from './process-cpu';
import { directProxy, ProxyMode, RunningProxy, startNginx } from './nginx';
import { deleteDatabaseKeys } from './redis-keys';
import { ReplayClient } from './replay-client';

// The upload side under load: Kabinet runs as one API process and one worker process (children
// of the benchmark, from dist/), on a database and Redis namespace of their own that are removed
// afterwards, behind nginx running deploy/nginx.conf (--proxy nginx, the default when nginx is
// installed) or with the clients talking to the API process itself (--proxy direct). Employers
// upload over HTTP exactly like browsers (GraphQL multipart), through the replay's lean client:
// the clients share the machine, so the less CPU they take the more the figures are the server's.

const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];
const DAY_MS = 86_400_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The running system under test. */
export interface LoadSystem {
  api: AppProcess;
  worker: AppProcess;
  /** nginx running deploy/nginx.conf in front of the API process, or the API process itself. */
  proxy: RunningProxy;
  db: DataSource;
  client: ReplayClient;
  close(): Promise<void>;
}

export interface LoadSystemOptions {
  parserConcurrency: number;
  proxy: ProxyMode;
  /** Warm-up rounds of 200 uploads (default 10; fewer on a machine too busy to wait for them). */
  warmUpRounds?: number;
}

/** Starts an API and a worker process on a fresh `kabinet_bench_*` database. */
export async function startLoadSystem(options: LoadSystemOptions): Promise<LoadSystem> {
  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet');
  const database = `kabinet_bench_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${database}`;
  const url = base.toString();
  const storageDir = mkdtempSync(join(tmpdir(), 'kabinet-bench-storage-'));
  // Tokens are signed here with the processes' secret (report-fixtures reads it from the env).
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.SECRETS_MASTER_KEY ??= randomBytes(32).toString('hex');
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    STORAGE_DIR: storageDir,
    LOG_LEVEL: 'warn',
    // Every simulated employer comes from 127.0.0.1: the per-IP limit would measure itself.
    RATE_LIMIT_PER_MINUTE: '100000000',
    REPORT_PARSER_CONCURRENCY: String(options.parserConcurrency),
  };
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let db: DataSource | null = null;
  // One connection per employer uploading at once, kept alive between uploads like a browser's.
  const client = new ReplayClient(Infinity);
  let proxy: RunningProxy | null = null;
  const close = async () => {
    client.close();
    await proxy?.stop();
    await stopAllAppProcesses();
    await db?.destroy();
    await dropDatabase(url);
    await deleteDatabaseKeys(redisUrl, database);
    rmSync(storageDir, { recursive: true, force: true });
  };
  try {
    // The API process creates and migrates the database; the worker starts on a migrated one.
    const api = await startAppProcess('api', env, { readyTimeoutMs: 120_000 });
    const worker = await startAppProcess('worker', env);
    proxy = options.proxy === 'nginx' ? await startNginx([api.url!]) : directProxy(api.url!);
    db = new DataSource(buildDataSourceOptions(url));
    await db.initialize();
    const system = { api, worker, proxy, db, client, close };
    await warmUp(system, options.warmUpRounds ?? WARM_UP_ROUNDS);
    return system;
  } catch (error) {
    await close();
    throw error;
  }
}

async function dropDatabase(url: string): Promise<void> {
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  if (!database.startsWith('kabinet_bench_')) {
    return;
  }
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

interface Employer {
  organizationId: string;
  token: string;
  file: Buffer;
}

/** `count` employers (organization, HEAD, token) of `series`, each with its own workbook. */
async function createEmployers(
  system: LoadSystem,
  series: number,
  count: number,
  rows: number,
): Promise<Employer[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-bench-files-'));
  const employers: Employer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const organization = benchOrganization(series, i);
      const organizationId = await ensureOrganization(system.db, organization);
      const path = join(dir, `${i}.xlsx`);
      await writeBenchWorkbook(path, rows, organization);
      employers.push({
        organizationId,
        token: await headToken(system.db, organizationId),
        file: readFileSync(path),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return employers;
}

// A deadline day meets processes that have served for hours: connection pools filled, code
// paths compiled by V8, parser children started. 2 000 uploads first, 200 at a time, so the
// figures are not the start-up's. After 20 uploads, the first burst of 200 still paid for
// compiling the upload path (the API spent about twice the CPU per upload of a later burst);
// after 1 000 uploads 20 at a time, V8 was still optimizing a hundred functions a second on the
// other core, and the first 200 requests at once cost the API half as much again as later ones.
// Each round on new connections, as the bursts are: with warm-up rounds on kept connections the
// first burst on new ones was the slowest of a run (p99 up to 582 ms against 309 to 474 ms).
const WARM_UP_ROUNDS = 10;
const WARM_UP_UPLOADS = 200;

async function warmUp(system: LoadSystem, rounds: number): Promise<void> {
  const [employer] = await createEmployers(system, 99, 1, 50);
  for (let round = 0; round < rounds; round++) {
    system.client.reconnect();
    const uploads = await Promise.all(
      Array.from({ length: WARM_UP_UPLOADS }, (_, i) =>
        upload(system, employer, pastWeek(round * WARM_UP_UPLOADS + i)),
      ),
    );
    const ids = uploads.map((u) => u.reportId).filter((id): id is string => id !== null);
    if (ids.length < uploads.length) {
      const failed = uploads.filter((u) => u.reportId === null);
      throw new Error(`${failed.length} warm-up uploads failed, first: ${failed[0].error}`);
    }
    await waitAllFinal(system, ids, 60_000);
  }
}

interface Upload {
  ms: number;
  reportId: string | null;
  error: string | null;
}

async function upload(system: LoadSystem, employer: Employer, week: string): Promise<Upload> {
  const started = performance.now();
  const answer = await system.client.upload(
    system.proxy.url,
    employer.token,
    employer.file,
    'Отчёт.xlsx',
    week,
  );
  return {
    ms: performance.now() - started,
    reportId: answer.status === 200 && answer.error === null ? answer.reportId : null,
    error: answer.error ?? (answer.status === 200 ? null : `HTTP ${answer.status}`),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function countFinal(system: LoadSystem, ids: string[]): Promise<number> {
  let final = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const [row] = await system.db.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM remote_work_reports
       WHERE id IN (${chunk.map(() => '?').join(',')}) AND status IN (${FINAL.map(() => '?').join(',')})`,
      [...chunk, ...FINAL],
    );
    final += Number(row.n);
  }
  return final;
}

/** Waits until every report is final; returns when (performance.now()) or null on timeout. */
async function waitAllFinal(
  system: LoadSystem,
  ids: string[],
  timeoutMs: number,
): Promise<number | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if ((await countFinal(system, ids)) === ids.length) {
      return performance.now();
    }
    if (performance.now() > deadline) {
      return null;
    }
    await sleep(200);
  }
}

async function statusCounts(system: LoadSystem, ids: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await system.db.query<{ status: string; n: string }[]>(
      `SELECT status, COUNT(*) AS n FROM remote_work_reports
       WHERE id IN (${chunk.map(() => '?').join(',')}) GROUP BY status`,
      chunk,
    );
    for (const row of rows) {
      counts[row.status] = (counts[row.status] ?? 0) + Number(row.n);
    }
  }
  return counts;
}

export interface BurstOptions {
  /** Which run this is (1, 2, ...): each run's employers are organizations of their own. */
  run: number;
  employers: number;
  rows: number;
  finalTimeoutMs: number;
}

export interface BurstResult extends BurstOptions {
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  answeredMs: number;
  allFinalMs: number | null;
  statuses: Record<string, number>;
  /** Uploads whose organization and week hold exactly one report, the one answered. */
  oneReportEach: number;
  /** What each part of the system ran, and waited for a core, until every upload was answered. */
  cpu: Record<BurstCpuPart, CpuTimes>;
}

type BurstCpuPart = 'apiMain' | 'apiOther' | 'worker' | 'mariadb' | 'redis' | 'proxy' | 'client';

function burstCpuMeter(system: LoadSystem): () => Record<BurstCpuPart, CpuTimes> {
  const apiPid = system.api.pid;
  const stop = startCpuMeter({
    apiMain: () => threadTimes(apiPid),
    apiAll: () => processTimes(apiPid),
    // The worker and the parser children it forked: they share its process group.
    worker: () => groupTimes(system.worker.pid),
    mariadb: () => commandTimes('mariadbd'),
    redis: () => commandTimes('redis-server'),
    proxy: () => sumTimes(system.proxy.pids().map((pid) => processTimes(pid))),
    client: () => processTimes(process.pid),
  });
  return () => {
    const { apiMain, apiAll, worker, mariadb, redis, proxy, client } = stop();
    const apiOther = {
      runMs: apiAll.runMs - apiMain.runMs,
      waitMs: apiAll.waitMs - apiMain.waitMs,
    };
    return { apiMain, apiOther, worker, mariadb, redis, proxy, client };
  };
}

/** Every employer uploads its workbook for this week at the same moment. */
export async function runBurst(system: LoadSystem, options: BurstOptions): Promise<BurstResult> {
  const employers = await createEmployers(
    system,
    10 + options.run,
    options.employers,
    options.rows,
  );
  const week = defaultReportingWeek(new Date());
  // Each employer on a new connection of its own, like 200 browsers: none of the warm-up's.
  system.client.reconnect();
  const meter = burstCpuMeter(system);
  const started = performance.now();
  const uploads = await Promise.all(employers.map((e) => upload(system, e, week)));
  const answeredMs = performance.now() - started;
  const cpu = meter();
  const ids = uploads.map((u) => u.reportId).filter((id): id is string => id !== null);
  const finalAt = await waitAllFinal(system, ids, options.finalTimeoutMs);
  const sorted = uploads.map((u) => u.ms).sort((a, b) => a - b);

  const reports = await system.db.query<{ organization_id: string; id: string }[]>(
    `SELECT organization_id, id FROM remote_work_reports WHERE reporting_week = ?
     AND organization_id IN (${employers.map(() => '?').join(',')})`,
    [week, ...employers.map((e) => e.organizationId)],
  );
  const byOrganization = new Map<string, string[]>();
  for (const r of reports) {
    byOrganization.set(r.organization_id, [...(byOrganization.get(r.organization_id) ?? []), r.id]);
  }
  const oneReportEach = employers.filter((e, i) => {
    const found = byOrganization.get(e.organizationId) ?? [];
    return found.length === 1 && found[0] === uploads[i].reportId;
  }).length;

  return {
    ...options,
    errors: uploads.length - ids.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1],
    answeredMs,
    allFinalMs: finalAt === null ? null : finalAt - started,
    statuses: await statusCounts(system, ids),
    oneReportEach,
    cpu,
  };
}

export interface SustainedOptions {
  rates: number[];
  seconds: number;
  rows: number;
  employers: number;
  drainTimeoutMs: number;
  p99LimitMs: number;
}

export interface SustainedStep {
  rate: number;
  uploads: number;
  sentRate: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  backlogAtEnd: number;
  drainMs: number | null;
  held: boolean;
}

export interface SustainedResult extends SustainedOptions {
  steps: SustainedStep[];
  highestHeld: number | null;
}

// Far from any real week, and a new week per round through the employers: every upload makes a
// report of its own (the same bytes for the same organization and week would be one report).
function sustainedWeek(step: number, round: number): string {
  const monday = Date.UTC(2200, 0, 6) + (step * 1000 + round) * 7 * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

// The `weeksAgo + 1`-th week before this one.
function pastWeek(weeksAgo: number): string {
  const monday = Date.parse(`${defaultReportingWeek(new Date())}T00:00:00Z`);
  return new Date(monday - (weeksAgo + 1) * 7 * DAY_MS).toISOString().slice(0, 10);
}

/**
 * For each rate in turn: uploads arrive at that fixed rate for `seconds` (open loop: the next one
 * is sent on schedule whether or not earlier ones were answered), then the backlog is watched
 * until every report is final. A rate is held when nothing failed, p99 acceptance stayed under
 * the limit and the backlog drained within the drain timeout. Stops after the first rate not held.
 */
export async function runSustained(
  system: LoadSystem,
  options: SustainedOptions,
): Promise<SustainedResult> {
  const employers = await createEmployers(system, 2, options.employers, options.rows);
  const steps: SustainedStep[] = [];
  for (const [index, rate] of options.rates.entries()) {
    const total = Math.max(1, Math.round(rate * options.seconds));
    const interval = 1000 / rate;
    const started = performance.now();
    const pending: Promise<Upload>[] = [];
    for (let k = 0; k < total; k++) {
      const due = started + k * interval;
      const wait = due - performance.now();
      if (wait > 1) {
        await sleep(wait);
      }
      const employer = employers[k % employers.length];
      pending.push(
        upload(system, employer, sustainedWeek(index, Math.floor(k / employers.length))),
      );
    }
    // Sends are `interval` apart: the rate achieved is (sends - 1) over first-to-last.
    const sentMs = performance.now() - started;
    const uploads = await Promise.all(pending);
    const ids = uploads.map((u) => u.reportId).filter((id): id is string => id !== null);
    const lastSent = performance.now();
    const backlogAtEnd = ids.length - (await countFinal(system, ids));
    const finalAt = await waitAllFinal(system, ids, options.drainTimeoutMs);
    const sorted = uploads.map((u) => u.ms).sort((a, b) => a - b);
    const step: SustainedStep = {
      rate,
      uploads: total,
      sentRate: total > 1 ? (total - 1) / (sentMs / 1000) : rate,
      errors: total - ids.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      backlogAtEnd,
      drainMs: finalAt === null ? null : finalAt - lastSent,
      held: false,
    };
    step.held = step.errors === 0 && step.p99Ms < options.p99LimitMs && step.drainMs !== null;
    steps.push(step);
    console.error(`sustained ${rate}/s: ${JSON.stringify(step)}`);
    if (!step.held) {
      break;
    }
  }
  const held = steps.filter((s) => s.held).map((s) => s.rate);
  return { ...options, steps, highestHeld: held.length ? Math.max(...held) : null };
}

const ms = (value: number | null) => (value === null ? '—' : `${Math.round(value)} ms`);
const s = (value: number | null) =>
  value === null ? 'not within the timeout' : `${(value / 1000).toFixed(1)} s`;

/** The burst figures as markdown. */
export function burstTable(runs: BurstResult[]): string {
  const statuses = (r: BurstResult) =>
    Object.entries(r.statuses)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ') || 'none';
  return [
    '| run | employers | rows per workbook | errors | acceptance p50 | p99 | max | all answered after | all final after | one report per upload | final statuses |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...runs.map(
      (r) =>
        `| ${r.run} | ${r.employers} | ${r.rows} | ${r.errors} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${s(r.answeredMs)} | ${s(r.allFinalMs)} | ${r.oneReportEach} / ${r.employers} | ${statuses(r)} |`,
    ),
  ].join('\n');
}

/** Where the CPU went until every upload of each burst was answered, as markdown. */
export function burstCpuTable(runs: BurstResult[]): string {
  const both = (t: CpuTimes) => `${Math.round(t.runMs)} / ${Math.round(t.waitMs)} ms`;
  return [
    'CPU run / waiting for a core, from the first upload until the last was answered (`/proc/<pid>/task/*/schedstat`):',
    '',
    '| run | API main thread | per upload | API other threads | worker and parser children | MariaDB | Redis | nginx | clients |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.run} | ${both(r.cpu.apiMain)} | ${(r.cpu.apiMain.runMs / r.employers).toFixed(2)} ms | ${both(r.cpu.apiOther)} | ${both(r.cpu.worker)} | ${both(r.cpu.mariadb)} | ${both(r.cpu.redis)} | ${both(r.cpu.proxy)} | ${both(r.cpu.client)} |`,
    ),
  ].join('\n');
}

/** The sustained-evening figures as markdown. */
export function sustainedTable(r: SustainedResult): string {
  return [
    '| target rate | sent rate | uploads | errors | acceptance p50 | p99 | backlog when all were answered | drained after | held |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|:---:|',
    ...r.steps.map(
      (x) =>
        `| ${x.rate}/s | ${x.sentRate.toFixed(1)}/s | ${x.uploads} | ${x.errors} | ${ms(x.p50Ms)} | ${ms(x.p99Ms)} | ${x.backlogAtEnd} | ${s(x.drainMs)} | ${x.held ? 'yes' : 'no'} |`,
    ),
    '',
    r.highestHeld === null
      ? `No rate tried was held (p99 acceptance < ${r.p99LimitMs} ms, no errors, backlog drained within ${r.drainTimeoutMs / 1000} s).`
      : `Highest rate held: **${r.highestHeld} uploads/s** of ${r.rows}-row workbooks for ${r.seconds} s (p99 acceptance < ${r.p99LimitMs} ms, no errors, backlog drained within ${r.drainTimeoutMs / 1000} s).`,
  ].join('\n');
}
