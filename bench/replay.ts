// `npm run bench:replay`: replays a generated reporting week (the real shape, see replay-week.ts)
// against Kabinet processes it starts (API and worker roles on a fresh database), and prints
// what the week cost: uploads/s held, acceptance latency, time until every report is final,
// rows/s, peak RSS per process, and whether any upload was lost. It writes no file besides its
// workbook cache and an SVG chart of the run (uploads/s offered and accepted, acceptance p99,
// backlog and reports final over time); the figures go into docs/benchmarks.md by hand, with the
// command line.
//
//   npm run bench:replay -- --fraction 0.01 --apis 1 --workers 2
//
// Options: --fraction (share of the 180 000-upload week, default 1), --apis, --workers (default
// 1 each), --duration (seconds the Monday curve is compressed into, default 1800 × fraction,
// at least 20), --seed, --max-inflight (concurrent uploads, default 256), --final-timeout
// (minutes to wait for the last report, default 120), --jobs (threads writing the workbooks,
// default: the CPU count), --keep (leave database, Redis keys and files), --proxy nginx|direct
// (the uploads go through nginx running deploy/nginx.conf in front of every API process, the
// default when nginx is installed; or straight to the API processes, spread by upload), --chart
// (where the SVG chart goes; default var/bench/replay-<seed>-<uploads>.svg).
//
// --cluster replays against the cluster scripts/cluster/up.sh started (its processes, database,
// Redis and storage; see docs/scaling.md) instead of starting processes; uploads that fail with
// no answer or a 5xx are retried as a client would (3 times, 1/2/4 s apart) and time out after
// 60 s. --faults (with --cluster) injects the cluster's faults one after another during the first
// 80 % of the replay and prints a table of each; --faults=galera,redis,worker,api,storage picks.
//
// The processes get this environment with NODE_ENV=production and LOG_LEVEL=warn unless set;
// REPORT_PARSER_CONCURRENCY and the like pass through, and so does the storage driver:
// `STORAGE_DRIVER=s3 S3_ENDPOINT=… S3_BUCKET=…` replays against an object store (its objects are
// left in the bucket).
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import type { RowDataPacket } from 'mysql2';
import { Connection, createConnection } from 'mysql2/promise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDatabaseUrl } from '../src/database/database-url';
import { directProxy, ProxyMode, proxyMode, RunningProxy, startNginx } from './nginx';
import { replayChartSvg, replaySamples } from './replay-chart';
import { ReplayClient, UploadAnswer } from './replay-client';
import { BenchProcess, RssMonitor, startBenchProcess, WorkerProbe } from './replay-processes';
import {
  expectedStatus,
  MONDAY_CURVE,
  PlannedUpload,
  planWeek,
  quantile,
  UploadKind,
} from './replay-week';
import {
  clusterEnvironment,
  clusterFaults,
  clusterPids,
  FaultRecord,
  injectFaults,
  subscribeWebhooks,
  WebhookSink,
} from './replay-cluster';
import { prepareWorkbooks, replayOrganization, workbookPath } from './replay-workbooks';
import { deleteDatabaseKeys } from './redis-keys';

const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];
const ROOT = resolve(__dirname, '../..');
const MiB = 1024 * 1024;

interface Options {
  fraction: number;
  apis: number;
  workers: number;
  duration: number;
  seed: number;
  maxInflight: number;
  finalTimeoutMinutes: number;
  keep: boolean;
  jobs: number;
  cluster: boolean;
  faults: boolean;
  /** `--faults=galera,redis`: only those (galera, redis, worker, api, storage); empty: all. */
  faultNames: string[];
  proxy: ProxyMode;
  chart: string | null;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline ? inline.split('=')[1] : i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number, min: number, max = Infinity): number => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new Error(`--${name} must be a number from ${min} to ${max}`);
    }
    return n;
  };
  const fraction = number('fraction', 1, 0.00001, 10);
  return {
    fraction,
    apis: Math.round(number('apis', 1, 1, 16)),
    workers: Math.round(number('workers', 1, 1, 16)),
    duration: number('duration', Math.max(20, Math.round(1800 * fraction)), 1),
    seed: Math.round(number('seed', 1, 0)),
    maxInflight: Math.round(number('max-inflight', 256, 1)),
    finalTimeoutMinutes: number('final-timeout', 120, 0.1),
    keep: argv.includes('--keep'),
    jobs: Math.round(number('jobs', availableParallelism(), 1, 64)),
    cluster: argv.includes('--cluster'),
    faults: argv.includes('--faults') || argv.some((a) => a.startsWith('--faults=')),
    faultNames: (argv.find((a) => a.startsWith('--faults='))?.split('=')[1] ?? '')
      .split(',')
      .filter(Boolean),
    proxy: proxyMode(value('proxy')),
    chart: value('chart') ?? null,
  };
}

interface Sent {
  upload: PlannedUpload;
  scheduledMs: number;
  sentMs: number;
  answeredMs: number;
  answer: UploadAnswer;
  /** Attempts it took (1 unless a failed attempt was retried, --cluster only). */
  attempts: number;
  /** The first failed attempt's error, if any. */
  firstError: string | null;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000];

/** No answer, or the proxy's or server's own failure: a client tries again. */
function retryable(answer: UploadAnswer): boolean {
  return (
    !answer.reportId &&
    (answer.status === 0 ||
      answer.status >= 500 ||
      /INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE/.test(answer.error ?? ''))
  );
}

const ms = (n: number) => `${Math.round(n)} ms`;
const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

/** One statement on a connection of its own (through HAProxy: whichever node writes now). */
async function queryOnce(url: string, sql: string): Promise<string> {
  const { host, port, username, password } = parseDatabaseUrl(url);
  const connection = await createConnection({ host, port, user: username, password });
  try {
    const [rows] = await connection.query<RowDataPacket[]>({ sql, rowsAsArray: true });
    return String((rows as unknown as unknown[][])[0][0]);
  } finally {
    await connection.end();
  }
}
const log = (line: string) => console.log(line);

interface Employer {
  userId: string;
  organizationId: string;
  sessionId: string;
}

async function insertEmployers(db: Connection, uploads: PlannedUpload[]): Promise<Employer[]> {
  const employers: Employer[] = [];
  const now = new Date();
  for (let from = 0; from < uploads.length; from += 2000) {
    const chunk = uploads.slice(from, from + 2000);
    const organizations = chunk.map((u) => {
      const o = replayOrganization(u.index);
      return [randomUUID(), 'LEGAL_ENTITY', o.inn, o.ogrn, o.fullName, now];
    });
    const users = chunk.map((u) => [
      randomUUID(),
      'Нагрузкин',
      'Пётр',
      null,
      `+7916${String(u.index).padStart(7, '0')}`,
      null,
      'not-a-hash',
      'Вопрос',
      'not-a-hash',
      null,
      now,
      now,
    ]);
    const ids = chunk.map((_, i) => ({
      organizationId: organizations[i][0] as string,
      userId: users[i][0] as string,
      sessionId: randomUUID(),
    }));
    const memberships = ids.map((e) => [randomUUID(), e.organizationId, e.userId, 'HEAD', now]);
    // Signed in to the organization, as on deadline day: every upload checks the session too.
    const expires = new Date(now.getTime() + 30 * 86_400_000);
    const sessions = ids.map((e) => [e.sessionId, e.userId, now, now, expires, e.organizationId]);
    await db.query(
      'INSERT INTO organizations (id, type, inn, ogrn, full_name, created_at) VALUES ?',
      [organizations],
    );
    await db.query(
      `INSERT INTO users (id, last_name, first_name, middle_name, phone, email, password_hash,
         security_question, security_answer_hash, birth_date, created_at, updated_at) VALUES ?`,
      [users],
    );
    await db.query(
      'INSERT INTO memberships (id, organization_id, user_id, role, created_at) VALUES ?',
      [memberships],
    );
    await db.query(
      `INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, organization_id)
       VALUES ?`,
      [sessions],
    );
    employers.push(...ids);
  }
  return employers;
}

async function replay(
  options: Options,
  uploads: PlannedUpload[],
  dir: string,
  tokens: string[],
  targets: string[],
  startMs: number,
): Promise<{ sent: Sent[] }> {
  const client = new ReplayClient(
    Math.ceil(options.maxInflight / targets.length),
    options.cluster ? 60_000 : 0,
  );
  const sent: Sent[] = [];
  let inflight = 0;
  const waiting: (() => void)[] = [];
  const pending: Promise<void>[] = [];
  let lastReport = startMs;
  for (const upload of uploads) {
    const scheduledMs = startMs + upload.at * 1000;
    const wait = scheduledMs - performance.now();
    if (wait > 1) {
      await new Promise((r) => setTimeout(r, wait));
    }
    while (inflight >= options.maxInflight) {
      await new Promise<void>((r) => waiting.push(r));
    }
    inflight += 1;
    const target = targets[upload.index % targets.length];
    pending.push(
      (async () => {
        const file = await readFile(workbookPath(dir, upload));
        const sentMs = performance.now();
        const send = () =>
          client.upload(target, tokens[upload.index], file, `Отчёт ${upload.index}.xlsx`);
        let answer = await send();
        let attempts = 1;
        const firstError = answer.reportId ? null : answer.error;
        while (options.cluster && retryable(answer) && attempts <= RETRY_DELAYS_MS.length) {
          await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempts - 1]));
          answer = await send();
          attempts += 1;
        }
        sent.push({
          upload,
          scheduledMs,
          sentMs,
          answeredMs: performance.now(),
          answer,
          attempts,
          firstError,
        });
        inflight -= 1;
        waiting.shift()?.();
      })(),
    );
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(
        `  t=${Math.round((lastReport - startMs) / 1000)} s: ${sent.length}/${uploads.length} answered, ${inflight} in flight`,
      );
    }
  }
  await Promise.all(pending);
  client.close();
  return { sent };
}

/** Counts the final reports every second from `startMs` until stopped, for the chart. */
function sampleFinal(
  countFinal: () => Promise<number>,
  startMs: number,
): { stop(): Promise<FinalSample[]> } {
  const samples: FinalSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      // A sample lost to a database fault (--faults) is a gap in the chart, not an error.
      const final = await countFinal().catch(() => null);
      if (final !== null) {
        samples.push({ second: (performance.now() - startMs) / 1000, final });
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

interface FinalSample {
  second: number;
  final: number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const uploads = planWeek({
    fraction: options.fraction,
    durationSeconds: options.duration,
    seed: options.seed,
  });
  const rows = uploads.map((u) => u.rows);
  const totalRows = rows.reduce((a, b) => a + b, 0);
  const kinds = (kind: UploadKind) => uploads.filter((u) => u.kind === kind).length;
  log(
    `Week: ${uploads.length} uploads, ${totalRows} rows (median ${quantile(rows, 0.5)}, mean ${(totalRows / uploads.length).toFixed(1)}, max ${rows.reduce((a, b) => Math.max(a, b), 0)}); ${kinds('bad-rows')} with bad rows, ${kinds('unreadable')} unreadable; Monday curve over ${options.duration} s.`,
  );

  const dir = join(ROOT, 'var/bench/replay', `seed${options.seed}-n${uploads.length}`);
  const generating = performance.now();
  let lastWorkbookLog = 0;
  const fileBytes = await prepareWorkbooks(dir, uploads, options.jobs, (written, missing) => {
    if (performance.now() - lastWorkbookLog > 10_000 || written === missing) {
      lastWorkbookLog = performance.now();
      log(`  workbooks written: ${written}/${missing}`);
    }
  });
  log(
    `Workbooks: ${mib(fileBytes)} in ${dir} (${Math.round((performance.now() - generating) / 1000)} s; reused when present).`,
  );

  if (options.faults && !options.cluster) {
    throw new Error('--faults needs --cluster');
  }
  // In --cluster, the cluster's own database, secrets and processes; else fresh ones.
  const cluster = options.cluster ? clusterEnvironment() : null;
  const base = new URL(
    cluster?.DATABASE_URL ?? process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet',
  );
  const database = cluster
    ? parseDatabaseUrl(cluster.DATABASE_URL).database
    : `kabinet_bench_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${database}`;
  const databaseUrl = base.toString();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const storageDir = join(ROOT, 'var/bench/storage', database);
  const jwtSecret = cluster?.JWT_SECRET ?? randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    STORAGE_DIR: storageDir,
    JWT_SECRET: jwtSecret,
    SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
    // Every upload comes from this machine's address: the per-IP limit would measure itself.
    RATE_LIMIT_PER_MINUTE: '1000000000',
  };
  delete env.PORT;
  delete env.APP_ROLE;

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  const probe = new WorkerProbe(redis, database);
  const processes: BenchProcess[] = [];
  let proxy: RunningProxy | null = null;
  let db: Connection | undefined;
  const cleanup = async () => {
    await proxy?.stop();
    await Promise.all(processes.map((p) => p.stop()));
    await db?.end().catch(() => undefined);
    // The cluster's database and storage go with the cluster (scripts/cluster/down.sh).
    if (!options.keep && !cluster) {
      const { host, port, username, password } = parseDatabaseUrl(databaseUrl);
      const admin = await createConnection({ host, port, user: username, password });
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
      await deleteDatabaseKeys(redis, database);
      await rm(storageDir, { recursive: true, force: true });
    }
    redis.disconnect();
  };
  process.once('SIGINT', () => {
    log('Interrupted: stopping the processes');
    void cleanup().finally(() => process.exit(130));
  });

  let ok: boolean;
  try {
    let apis: Pick<BenchProcess, 'url'>[];
    if (cluster) {
      log(`Database ${database} of the cluster; uploading through ${cluster.PUBLIC_URL}`);
      apis = [{ url: cluster.PUBLIC_URL }];
    } else {
      log(
        `Database ${database}; starting ${options.apis} API and ${options.workers} worker processes`,
      );
      // The first process creates and migrates the database; the others start once it is done.
      processes.push(await startBenchProcess('api-1', 'api', env, probe));
      const more = [
        ...Array.from({ length: options.apis - 1 }, (_, i) =>
          startBenchProcess(`api-${i + 2}`, 'api', env, probe),
        ),
      ];
      processes.push(...(await Promise.all(more)));
      // Workers one by one: each waits for a Bull connection of its own.
      for (let i = 0; i < options.workers; i++) {
        processes.push(await startBenchProcess(`worker-${i + 1}`, 'worker', env, probe));
      }
      apis = processes.filter((p) => p.role === 'api');
    }
    // Behind nginx every upload goes to the one address and nginx spreads them (round robin);
    // direct, the client spreads them over the API processes itself; in the cluster, to its nginx.
    let targets: string[];
    if (cluster) {
      targets = apis.map((a) => a.url!);
    } else {
      proxy =
        options.proxy === 'nginx' ? await startNginx(apis.map((a) => a.url!)) : directProxy('');
      targets = options.proxy === 'nginx' ? [proxy.url] : apis.map((a) => a.url!);
    }

    const { host, port, username, password } = parseDatabaseUrl(databaseUrl);
    db = await createConnection({ host, port, user: username, password, database });
    const employers = await insertEmployers(db, uploads);
    const jwt = new JwtService();
    const tokens = employers.map((employer) => {
      return jwt.sign(
        {
          typ: 'user',
          sub: employer.userId,
          org: employer.organizationId,
          sid: employer.sessionId,
          jti: randomUUID(),
        },
        {
          secret: jwtSecret,
          algorithm: 'HS256',
          issuer: 'kabinet',
          audience: 'kabinet-api',
          expiresIn: 24 * 3600,
        },
      );
    });

    // In the cluster, every employer subscribes its report status changes, as integrators do:
    // each final status must reach it at least once, whatever failed meanwhile.
    const sink = cluster ? new WebhookSink() : null;
    if (sink && cluster) {
      const sinkUrl = await sink.start();
      await subscribeWebhooks(cluster.PUBLIC_URL, tokens, sinkUrl);
      log(`Webhooks: ${tokens.length} organizations subscribed ${sinkUrl}`);
    }
    const named = cluster
      ? [...clusterPids()].map(([name, pid]) => ({ name, pid }))
      : processes.map((p) => ({ name: p.name, pid: p.pid }));
    const rss = new RssMonitor(named.map((p) => p.pid));
    rss.start();
    log(
      `Replaying (${cluster ? 'through the cluster' : options.proxy === 'nginx' ? 'through nginx' : 'straight to the API'})`,
    );
    const startMs = performance.now();
    const sampleDb = db;
    const finalSampler = sampleFinal(
      cluster
        ? // A connection per sample: through HAProxy, whichever Galera node writes now.
          () =>
            queryOnce(
              databaseUrl,
              `SELECT COUNT(*) FROM \`${database}\`.remote_work_reports WHERE status IN ('${FINAL.join("', '")}')`,
            ).then(Number)
        : async () => {
            const [[row]] = await sampleDb.query<({ n: number } & RowDataPacket)[]>(
              'SELECT COUNT(*) AS n FROM remote_work_reports WHERE status IN (?)',
              [FINAL],
            );
            return Number(row.n);
          },
      startMs,
    );
    // The faults start with the replay and are over before its last fifth.
    const faultRun: Promise<FaultRecord[]> = options.faults
      ? injectFaults(
          clusterFaults((sql) => queryOnce(databaseUrl, sql)).filter(
            (f) => options.faultNames.length === 0 || options.faultNames.includes(f.key),
          ),
          startMs,
          options.duration * 1000 * 0.8,
          log,
        )
      : Promise.resolve([]);
    const { sent } = await replay(options, uploads, dir, tokens, targets, startMs);
    const uploadsDoneMs = performance.now();
    const faults = await faultRun;
    if (cluster) {
      // The connection may have been on a Galera node a fault killed.
      await db.end().catch(() => undefined);
      db = await createConnection({ host, port, user: username, password, database });
    }
    const ids = new Set(sent.map((s) => s.answer.reportId).filter((id): id is string => !!id));
    log(
      `All uploads answered after ${Math.round((uploadsDoneMs - startMs) / 1000)} s; waiting for the reports`,
    );

    let finalCount = 0;
    let lastProgress = performance.now();
    const deadline = performance.now() + options.finalTimeoutMinutes * 60_000;
    for (;;) {
      const [[row]] = await db.query<({ n: number } & RowDataPacket)[]>(
        `SELECT COUNT(*) AS n FROM remote_work_reports WHERE status IN (?)`,
        [FINAL],
      );
      finalCount = Number(row.n);
      if (finalCount >= ids.size || performance.now() > deadline) {
        break;
      }
      if (performance.now() - lastProgress > 10_000) {
        lastProgress = performance.now();
        log(`  ${finalCount}/${ids.size} reports final`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const allFinalMs = performance.now();
    const finalSamples = await finalSampler.stop();
    finalSamples.push({ second: (allFinalMs - startMs) / 1000, final: finalCount });
    const peaks = rss.finish();

    const [reports] = await db.query<
      ({ id: string; status: string; rows_total: number | null } & RowDataPacket)[]
    >('SELECT id, status, rows_total FROM remote_work_reports');
    const byId = new Map(reports.map((r) => [r.id, r]));
    const [duplicates] = await db.query<({ n: number } & RowDataPacket)[]>(
      `SELECT COUNT(*) AS n FROM (SELECT organization_id FROM remote_work_reports
         GROUP BY organization_id, reporting_week HAVING COUNT(*) > 1) d`,
    );

    // Figures.
    const answered = sent.filter((s) => s.answer.reportId);
    const failed = sent.filter((s) => !s.answer.reportId);
    const latency = answered.map((s) => s.answeredMs - s.scheduledMs);
    const hour = options.duration / MONDAY_CURVE.length;
    // The busiest hour of the curve as generated (at small fractions chance decides which).
    const perHour = MONDAY_CURVE.map(
      (_, h) => sent.filter((s) => Math.floor(s.upload.at / hour) === h).length,
    );
    const peakHour = perHour.indexOf(Math.max(...perHour));
    const inPeak = (s: Sent) => Math.floor(s.upload.at / hour) === peakHour;
    const peakSent = sent.filter(inPeak);
    const peakLatency = peakSent
      .filter((s) => s.answer.reportId)
      .map((s) => s.answeredMs - s.scheduledMs);
    const peakPlanned = peakSent.length / hour;
    const peakFirst = peakSent.reduce((m, s) => Math.min(m, s.scheduledMs), Infinity);
    const peakLast = peakSent.reduce((m, s) => Math.max(m, s.answeredMs), -Infinity);
    // Accepted uploads of the peak hour over the time they took to be answered: equal to the
    // planned rate when the APIs kept up, lower when requests queued.
    const peakHeld = peakLatency.length / Math.max(hour, (peakLast - peakFirst) / 1000);
    let finalRows = 0;
    let lost = 0;
    let wrongStatus = 0;
    for (const s of sent) {
      const report = s.answer.reportId ? byId.get(s.answer.reportId) : undefined;
      if (!report || !FINAL.includes(report.status)) {
        lost += 1;
        continue;
      }
      finalRows += report.rows_total ?? 0;
      if (report.status !== expectedStatus(s.upload.kind)) {
        wrongStatus += 1;
      }
    }
    const untilFinal = (allFinalMs - startMs) / 1000;
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const command = `npm run bench:replay -- ${process.argv.slice(2).join(' ')}`.trim();

    log('');
    log(`Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`${command}\`.`);
    log(
      cluster
        ? `The cluster of scripts/cluster/up.sh: ${named.map((p) => p.name).join(', ')} behind nginx; Galera (3 nodes) behind HAProxy; Redis with Sentinels; s3rver.`
        : `${options.apis} API + ${options.workers} worker process(es); REPORT_PARSER_CONCURRENCY=${env.REPORT_PARSER_CONCURRENCY ?? 'default'}; ${options.proxy === 'nginx' ? 'uploads through nginx running `deploy/nginx.conf`' : 'uploads straight to the API processes (no proxy)'}.`,
    );
    log('');
    log('| figure | value |');
    log('|---|---|');
    log(`| uploads (rows) | ${uploads.length} (${totalRows}) |`);
    log(`| replay length (Monday curve) | ${options.duration} s |`);
    log(
      `| peak hour: planned / held uploads/s | ${peakPlanned.toFixed(1)} / ${peakHeld.toFixed(1)} |`,
    );
    log(
      `| mean upload rate over the replay, uploads/s | ${(answered.length / ((uploadsDoneMs - startMs) / 1000)).toFixed(1)} |`,
    );
    log(
      `| acceptance p50 / p99 (all) | ${ms(quantile(latency, 0.5))} / ${ms(quantile(latency, 0.99))} |`,
    );
    log(
      `| acceptance p50 / p99 (peak hour) | ${ms(quantile(peakLatency, 0.5))} / ${ms(quantile(peakLatency, 0.99))} |`,
    );
    log(
      `| time until every report is final | ${untilFinal.toFixed(1)} s (${((allFinalMs - uploadsDoneMs) / 1000).toFixed(1)} s after the last upload) |`,
    );
    log(`| rows/s (final rows / time until final) | ${Math.round(finalRows / untilFinal)} |`);
    log(`| reports/s (until final) | ${(ids.size / untilFinal).toFixed(1)} |`);
    for (const p of named) {
      const peak = peaks.get(p.pid);
      const child = peak?.peakChild ? `; largest parser child ${mib(peak.peakChild)}` : '';
      log(`| peak RSS ${p.name} | ${mib(peak?.peak ?? 0)}${child} |`);
    }
    log(`| peak RSS bench client | ${mib(process.resourceUsage().maxRSS * 1024)} |`);
    log(`| uploads refused or failed | ${failed.length} |`);
    log(`| uploads without a final report (lost) | ${lost} |`);
    log(`| employers with more than one report | ${Number(duplicates[0].n)} |`);
    log(`| final status other than expected | ${wrongStatus} |`);
    if (failed.length > 0) {
      const reasons = new Map<string, number>();
      failed.forEach((s) =>
        reasons.set(s.answer.error ?? '?', (reasons.get(s.answer.error ?? '?') ?? 0) + 1),
      );
      log(`Refusals: ${JSON.stringify(Object.fromEntries(reasons))}`);
    }
    let clusterOk = true;
    if (cluster) {
      // A retried upload whose first answer was lost leaves a second report of the week: both
      // must be final, and no final report may miss or repeat a row.
      const [[stuck]] = await db.query<({ n: number } & RowDataPacket)[]>(
        `SELECT COUNT(*) AS n FROM remote_work_reports WHERE status NOT IN (?)`,
        [FINAL],
      );
      const [[rowMismatch]] = await db.query<({ n: number } & RowDataPacket)[]>(
        `SELECT COUNT(*) AS n FROM remote_work_reports r
          WHERE r.status IN ('ACCEPTED', 'PARTIALLY_ACCEPTED') AND r.rows_total <>
                (SELECT COUNT(*) FROM remote_work_report_rows w WHERE w.report_id = r.id)`,
      );
      const retried = sent.filter((s) => s.attempts > 1);
      log(`| uploads retried after a failed attempt | ${retried.length} |`);
      log(`| reports not final (answered or not) | ${Number(stuck.n)} |`);
      log(`| final reports whose stored rows differ from rows_total | ${Number(rowMismatch.n)} |`);
      log(
        `| extra reports of a week (a retry after a lost answer) | ${reports.length - ids.size} |`,
      );
      // Deliveries are retried with backoff: give the last ones up to two minutes.
      const finals = reports.filter((r) => FINAL.includes(r.status));
      const undelivered = () => finals.filter((r) => !sink!.delivered(r.id, r.status)).length;
      const webhookDeadline = performance.now() + 120_000;
      while (undelivered() > 0 && performance.now() < webhookDeadline) {
        await new Promise((r) => setTimeout(r, 500));
      }
      const missing = undelivered();
      log(
        `| final statuses delivered by webhook (at least once) | ${finals.length - missing} of ${finals.length} (${sink!.deliveries} deliveries received) |`,
      );
      sink!.close();
      clusterOk = Number(stuck.n) === 0 && Number(rowMismatch.n) === 0 && missing === 0;
    }
    if (faults.length > 0) {
      log('');
      log(
        '| fault | target | at | back after | attempts failed during it | uploads refused in the end | acceptance p99 around it |',
      );
      log('|---|---|---|---|---|---|---|');
      for (const f of faults) {
        // Around it: from the injection until 10 s after the component served again.
        const end = Number.isNaN(f.recoveredMs) ? uploadsDoneMs : f.recoveredMs + 10_000;
        const around = sent.filter((s) => s.sentMs >= f.injectedMs && s.sentMs <= end);
        const p99 = quantile(
          around.filter((s) => s.answer.reportId).map((s) => s.answeredMs - s.scheduledMs),
          0.99,
        );
        log(
          `| ${f.name} | ${f.target} | ${Math.round((f.injectedMs - startMs) / 1000)} s | ${
            f.error
              ? `not repaired: ${f.error}`
              : `${((f.recoveredMs - f.injectedMs) / 1000).toFixed(1)} s`
          } | ${around.filter((s) => s.firstError).length} | ${around.filter((s) => !s.answer.reportId).length} | ${ms(p99)} |`,
        );
      }
      const firstErrors = new Map<string, number>();
      sent
        .filter((s) => s.firstError)
        .forEach((s) => firstErrors.set(s.firstError!, (firstErrors.get(s.firstError!) ?? 0) + 1));
      log(`Failed attempts by error: ${JSON.stringify(Object.fromEntries(firstErrors))}`);
    }
    const zeroLoss =
      failed.length === 0 &&
      lost === 0 &&
      (cluster ? clusterOk : Number(duplicates[0].n) === 0) &&
      ids.size === uploads.length &&
      faults.every((f) => !f.error);
    log(
      zeroLoss
        ? 'Zero loss: every upload has exactly one final report.'
        : 'LOSS: see the table above.',
    );
    ok = zeroLoss && wrongStatus === 0;

    const chart =
      options.chart ?? join(ROOT, 'var/bench', `replay-seed${options.seed}-n${uploads.length}.svg`);
    mkdirSync(dirname(chart), { recursive: true });
    const samples = replaySamples(
      sent.map((s) => ({
        dueSecond: (s.scheduledMs - startMs) / 1000,
        answeredSecond: (s.answeredMs - startMs) / 1000,
        accepted: s.answer.reportId !== null,
        latencyMs: s.answeredMs - s.scheduledMs,
      })),
      finalSamples,
      (allFinalMs - startMs) / 1000,
    );
    writeFileSync(
      chart,
      replayChartSvg(
        `${uploads.length} uploads, ${options.apis} API + ${options.workers} worker, ${options.proxy === 'nginx' ? 'through nginx' : 'direct'} (${machine})`,
        samples,
      ),
    );
    log(`Chart: ${chart}`);
  } finally {
    await cleanup();
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
