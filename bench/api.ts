// `npm run bench:api [-- flags]`: what a plain GraphQL call costs in Kabinet against a bare
// NestJS + Apollo server answering `{ hello }`, measured in the same run, and the ratio.
//   --seconds 10        seconds per measurement
//   --rounds 3          rounds; each measures every operation once, in turn (A B C D A B C D…)
//   --connections 16    keep-alive connections the load generator keeps busy
//   --only validateIdentifier   measure only the operations whose name contains this
//   --compare <folder>  also measure a second Kabinet build (e.g. dist-base, made by
//                       `cp -r dist dist-base` before a change), interleaved with this one
//   --profile <dir>     write a V8 CPU profile of the Kabinet process there (--cpu-prof)
//   --write             replace the api section of docs/benchmarks.md
// Kabinet runs as one API process started from dist/ (`node dist/src/main.js`, APP_ROLE=api,
// NODE_ENV=production, a fresh database), the anchor as one process of its own; the clients talk
// to each straight (no proxy), both ways alike. The load generator runs in this process, on the
// same machine: its CPU is the same for every operation.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { parseDatabaseUrl } from '../src/database/database-url';
import { freePort, startAppProcess, stopAllAppProcesses } from '../test/support/app-process';
import { ensureOrganization, signedInHead } from '../test/support/report-fixtures';
import { benchOrganization } from '../test/support/bench-workbook';
import { loadLine, measuredLine, writeSections } from './bench-doc';
import { processTimes, threadTimes } from './process-cpu';
import { deleteDatabaseKeys } from './redis-keys';

interface Operation {
  name: string;
  target: 'bare' | 'kabinet' | 'compare';
  body: string;
  token?: string;
  /** What a correct answer contains, so an error answer is never counted as served. */
  expect: string;
}

interface Measurement {
  name: string;
  /** CPU the server process ran (all its threads) per correct answer, in ms. */
  cpuPerRequestMs: number;
  /** CPU its main thread (the event loop) ran per correct answer, in ms. */
  mainPerRequestMs: number;
  requests: number;
  errors: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

function flags(argv: string[]): {
  get(name: string, fallback: number): number;
  text(name: string): string | undefined;
  write: boolean;
} {
  const values = new Map<string, string>();
  let write = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--write') {
      write = true;
    } else if (
      ['--seconds', '--rounds', '--connections', '--only', '--profile', '--compare'].includes(
        argv[i],
      ) &&
      i + 1 < argv.length
    ) {
      values.set(argv[i].slice(2), argv[++i]);
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return {
    write,
    text: (name) => values.get(name),
    get: (name, fallback) => {
      const n = Number(values.get(name) ?? fallback);
      if (!Number.isFinite(n) || n <= 0) {
        throw new Error(`--${name} must be a positive number`);
      }
      return n;
    },
  };
}

/** Keeps `connections` requests in flight for `seconds`; counts the correct answers. */
async function load(
  url: string,
  pid: number,
  op: Operation,
  seconds: number,
  connections: number,
): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const body = Buffer.from(op.body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': body.length,
  };
  if (op.token) {
    headers.authorization = `Bearer ${op.token}`;
  }
  const target = new URL('/graphql', url);
  const one = () =>
    new Promise<boolean>((resolve) => {
      const req = request(target, { method: 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve(res.statusCode === 200 && text.includes(op.expect) && !text.includes('"errors"'));
        });
        res.on('error', () => resolve(false));
      });
      req.on('error', () => resolve(false));
      req.end(body);
    });
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = processTimes(pid).runMs;
  const mainBefore = threadTimes(pid).runMs;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const ok = await one();
        latencies.push(performance.now() - t);
        if (!ok) {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuMs = processTimes(pid).runMs - cpuBefore;
  const mainMs = threadTimes(pid).runMs - mainBefore;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
  return {
    name: op.name,
    cpuPerRequestMs: cpuMs / Math.max(1, latencies.length - errors),
    mainPerRequestMs: mainMs / Math.max(1, latencies.length - errors),
    requests: latencies.length - errors,
    errors,
    seconds: elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

async function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'bare-server.js')], {
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString('utf8').includes('ready')) {
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function dropDatabase(url: string): Promise<void> {
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

const rate = (m: Measurement) => m.requests / m.seconds;

async function main(): Promise<void> {
  const { get, text, write } = flags(process.argv.slice(2));
  const profile = text('profile');
  const only = text('only');
  const compare = text('compare');
  const seconds = get('seconds', 10);
  const rounds = get('rounds', 3);
  const connections = get('connections', 16);
  const args = process.argv.slice(2).filter((a) => a !== '--write');
  const command = ['npm run bench:api', ...(args.length ? ['--', ...args] : [])].join(' ');
  const header = `${measuredLine(command)} ${loadLine()}`;

  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet');
  const database = `kabinet_bench_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${database}`;
  const databaseUrl = base.toString();
  const storageDir = mkdtempSync(join(tmpdir(), 'kabinet-bench-storage-'));
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.SECRETS_MASTER_KEY ??= randomBytes(32).toString('hex');
  let bare: ChildProcess | null = null;
  let db: DataSource | null = null;
  try {
    const api = await startAppProcess(
      'api',
      {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        STORAGE_DIR: storageDir,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        // One client address for every request: the per-IP limit would measure itself. The
        // limiter still runs (its Redis round trip is part of every call).
        RATE_LIMIT_PER_MINUTE: '100000000',
        ...(profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` } : {}),
      },
      { readyTimeoutMs: 120_000 },
    );
    let other: { url: string | null; pid: number } | null = null;
    if (compare) {
      // The same environment and database, the other build's code.
      process.env.BENCH_APP_DIST = compare;
      try {
        other = await startAppProcess(
          'api',
          {
            NODE_ENV: 'production',
            DATABASE_URL: databaseUrl,
            STORAGE_DIR: storageDir,
            LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
            RATE_LIMIT_PER_MINUTE: '100000000',
          },
          { readyTimeoutMs: 120_000 },
        );
      } finally {
        delete process.env.BENCH_APP_DIST;
      }
    }
    const anchor = await startBare();
    bare = anchor.child;
    db = new DataSource(buildDataSourceOptions(databaseUrl));
    await db.initialize();
    const organizationId = await ensureOrganization(db, benchOrganization(77, 1));
    const { token } = await signedInHead(db, organizationId);

    const operations: Operation[] = [
      { name: 'bare `{ hello }`', target: 'bare', body: '{"query":"{ hello }"}', expect: 'world' },
      {
        name: 'Kabinet `{ __typename }`',
        target: 'kabinet',
        body: '{"query":"{ __typename }"}',
        expect: 'Query',
      },
      {
        name: 'Kabinet `validateIdentifier` (SNILS)',
        target: 'kabinet',
        body: JSON.stringify({
          query:
            'query($v: String!) { validateIdentifier(kind: SNILS, value: $v) { valid normalized message } }',
          variables: { v: '112-233-445 95' },
        }),
        expect: '"valid":true',
      },
      {
        name: 'Kabinet `me` (signed in)',
        target: 'kabinet',
        body: '{"query":"{ me { id phone } }"}',
        token,
        expect: '"me":{',
      },
    ];
    if (only) {
      // The anchor stays: every ratio needs it.
      operations.splice(
        0,
        operations.length,
        ...operations.filter((op, i) => i === 0 || op.name.includes(only)),
      );
    }
    if (other) {
      // Each operation of this build right after its twin of the other build: A/B pairs.
      const paired = operations.flatMap((op) =>
        op.target === 'kabinet'
          ? [op, { ...op, name: `${op.name} [${compare}]`, target: 'compare' as const }]
          : [op],
      );
      operations.splice(0, operations.length, ...paired);
    }
    const urls = { bare: anchor.url, kabinet: api.url!, compare: other?.url ?? '' };
    const pids = { bare: anchor.child.pid!, kabinet: api.pid, compare: other?.pid ?? 0 };
    // Warm-up: every path compiled by V8 before anything is counted.
    for (const op of operations) {
      await load(urls[op.target], pids[op.target], op, 3, connections);
    }
    const results = new Map<string, Measurement[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const op of operations) {
        const m = await load(urls[op.target], pids[op.target], op, seconds, connections);
        console.error(
          `round ${round} ${op.name}: ${rate(m).toFixed(0)} req/s, ${(m.cpuPerRequestMs * 1000).toFixed(0)} µs CPU each (main thread ${(m.mainPerRequestMs * 1000).toFixed(0)} µs), ${m.errors} errors`,
        );
        results.set(op.name, [...(results.get(op.name) ?? []), m]);
      }
    }
    const median = (list: Measurement[]) =>
      [...list].sort((a, b) => rate(a) - rate(b))[Math.floor(list.length / 2)];
    const medianOf = (list: Measurement[], key: 'cpuPerRequestMs' | 'mainPerRequestMs') =>
      [...list].map((m) => m[key]).sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const medianCpu = (list: Measurement[]) => medianOf(list, 'cpuPerRequestMs');
    const anchor0 = results.get(operations[0].name)!;
    const anchorRate = rate(median(anchor0));
    const anchorCpu = medianCpu(anchor0);
    const table = [
      header,
      `One Kabinet API process (NODE_ENV=production, LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}) and the bare server, each a process of its own; ${connections} keep-alive connections, ${rounds} rounds of ${seconds} s per operation in turn, the median round shown.`,
      '',
      '| operation | server CPU per request (median) | of it main thread | ratio to bare (CPU) | req/s (median) | req/s per round | ratio to bare (req/s) | p50 | p99 | errors |',
      '|---|---:|---:|---:|---:|---|---:|---:|---:|---:|',
      ...operations.map((op) => {
        const list = results.get(op.name)!;
        const m = median(list);
        const cpu = medianCpu(list);
        const main = medianOf(list, 'mainPerRequestMs');
        return `| ${op.name} | ${(cpu * 1000).toFixed(0)} µs | ${(main * 1000).toFixed(0)} µs | ${(anchorCpu / cpu).toFixed(2)}× | ${rate(m).toFixed(0)} | ${list.map((x) => rate(x).toFixed(0)).join(' / ')} | ${(rate(m) / anchorRate).toFixed(2)}× | ${m.p50Ms.toFixed(1)} ms | ${m.p99Ms.toFixed(1)} ms | ${list.reduce((a, x) => a + x.errors, 0)} |`;
      }),
      '',
      'The CPU ratio (bare CPU per request / this operation’s) is the throughput one core would give, and holds on a busy machine; the req/s ratio is the wall-clock one, meaningful only when the machine is otherwise idle.',
    ].join('\n');
    console.log(table);
    if (write) {
      writeSections({ api: table });
    }
  } finally {
    bare?.kill('SIGTERM');
    await db?.destroy();
    await stopAllAppProcesses();
    await dropDatabase(databaseUrl).catch(() => undefined);
    await deleteDatabaseKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', database);
    rmSync(storageDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
