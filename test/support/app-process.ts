// Kabinet as real child processes (`node dist/src/main.js`), for tests and benchmarks that need
// separate API and worker processes: killing a worker mid-job, several workers on one queue.
// `nest build` must have run: the processes start from dist/.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import Bull from 'bull';
import Redis from 'ioredis';
import { parseDatabaseUrl } from '../../src/database/database-url';
import { QueueName } from '../../src/queues/queue-names';

export type AppProcessRole = 'api' | 'worker' | 'all';

// The repository root: the nearest folder with package.json (this file also runs compiled from
// dist/test/support, imported by the benchmarks).
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }
  return dir;
}

const ROOT = repositoryRoot();
// BENCH_APP_DIST: another build of the application (a folder like dist/), for the benchmarks'
// A/B comparisons of two builds in one run.
const dist = () => join(ROOT, process.env.BENCH_APP_DIST ?? 'dist');
const main = () => join(dist(), 'src/main.js');
const OUTPUT_KEPT = 64 * 1024;

/** One running Kabinet process. */
export interface AppProcess {
  role: AppProcessRole;
  pid: number;
  /** The HTTP port (roles api and all), or null for a worker. */
  port: number | null;
  /** `http://127.0.0.1:<port>`, or null for a worker. */
  url: string | null;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  /** The last 64 KiB of its stdout and stderr. */
  output(): string;
  /** SIGTERM to its process group (it and its parser children), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to its process group: the process and its children die without a word. */
  kill(): Promise<void>;
}

export interface StartAppProcessOptions {
  /** How long to wait for readiness. */
  readyTimeoutMs?: number;
  /** The queue whose Bull worker connection marks a worker ready. */
  workerQueue?: QueueName;
}

const running = new Set<AppProcess>();
let exitHookInstalled = false;
// Worker connections already attributed to a started process, so parallel starts of several
// workers each wait for a connection of their own.
const claimedConnections = new Set<string>();

/** A TCP port free at the time of the call. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node dist/src/main.js` (a worker: `dist/src/main.worker.js`) with APP_ROLE=`role`, this process's environment and `env` on
 * top (DATABASE_URL, REDIS_URL, STORAGE_DIR… come from the test run unless given). It runs in a
 * process group of its own (detached), so kill() also ends the parser children it forked. Ready
 * means `GET /health` answers 200 (api, all), or, for a worker, that its Bull worker connection
 * for `workerQueue` (default remote-work-reports) is registered in Redis: from then on it takes
 * jobs.
 */
export async function startAppProcess(
  role: AppProcessRole,
  env: Record<string, string> = {},
  options: StartAppProcessOptions = {},
): Promise<AppProcess> {
  if (!existsSync(main())) {
    throw new Error(`${main()} is missing: run \`nest build\` first`);
  }
  // A PORT given in `env` is used (a caller that must know it beforehand, e.g. for PUBLIC_URL).
  const port = role === 'worker' ? null : env.PORT ? Number(env.PORT) : await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ROLE: role,
    // As deployed: workers schedule the periodic tasks (reconcilers, the status outbox drain),
    // which NODE_ENV=test would leave unscheduled. stopAllAppProcesses removes the schedules.
    ...(role === 'api' ? {} : { PERIODIC_TASKS_SCHEDULE: 'true' }),
    ...(port === null ? {} : { PORT: String(port) }),
    ...env,
  };
  const workerProbe =
    role === 'worker'
      ? await WorkerProbe.open(childEnv, options.workerQueue ?? QueueName.RemoteWorkReports)
      : null;
  const entry = join(dist(), role === 'worker' ? 'src/main.worker.js' : 'src/main.js');
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`));
  });
  const proc: AppProcess = {
    role,
    pid: child.pid!,
    port,
    url: port === null ? null : `http://127.0.0.1:${port}`,
    exited,
    output: () => output,
    stop: (graceMs = 10_000) => stopProcess(child, exited, graceMs),
    kill: () => stopProcess(child, exited, 0),
  };
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', killLeftovers);
  }
  running.add(proc);
  void exited.then(() => running.delete(proc));
  try {
    await waitUntilReady(proc, child, workerProbe, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await proc.kill();
    throw new Error(`${role} process not ready: ${(error as Error).message}\n${output}`, {
      cause: error,
    });
  } finally {
    await workerProbe?.close();
  }
  return proc;
}

// They run in process groups of their own, so a runner that ends (or is interrupted) without
// stopping them would leave them serving: the last word of this process is SIGKILL to each group.
function killLeftovers(): void {
  for (const proc of running) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/** Stops every process started here that is still running (for afterAll). */
export async function stopAllAppProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
  await clearPeriodicSchedules();
}

/**
 * Removes the periodic tasks' repeatable jobs (and their pending runs) that worker processes
 * added for the run's database: they would outlive the processes in Redis.
 */
export async function clearPeriodicSchedules(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { database } = parseDatabaseUrl(env.DATABASE_URL ?? 'mysql://root@127.0.0.1/kabinet');
  const queue = new Bull(QueueName.Periodic, env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    prefix: `bull:${database}`,
  });
  try {
    for (const job of await queue.getRepeatableJobs()) {
      await queue.removeRepeatableByKey(job.key);
    }
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

async function stopProcess(
  child: ChildProcess,
  exited: Promise<string>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The leader has ended; children it left in the group may not have.
    signalGroup(child, 'SIGKILL');
    return;
  }
  if (graceMs > 0) {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  } else {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
  // Parser children that outlived a graceful stop.
  signalGroup(child, 'SIGKILL');
}

async function waitUntilReady(
  proc: AppProcess,
  child: ChildProcess,
  workerProbe: WorkerProbe | null,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it ended (${child.signalCode ?? `exit ${child.exitCode}`})`);
    }
    if (workerProbe ? await workerProbe.found() : await healthy(proc.url!)) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`still not ready after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Watches Redis for a new Bull worker connection of one queue (Bull names a worker's blocking
 * connection `<prefix>:<base64 queue name>`; the prefix is `bull:<database>`, see QueuesModule).
 */
class WorkerProbe {
  private constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly before: Set<string>,
  ) {}

  static async open(env: NodeJS.ProcessEnv, queue: QueueName): Promise<WorkerProbe> {
    const { database } = parseDatabaseUrl(env.DATABASE_URL ?? 'mysql://root@127.0.0.1/kabinet');
    const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      maxRetriesPerRequest: 1,
    });
    const name = `bull:${database}:${Buffer.from(queue).toString('base64')}`;
    const probe = new WorkerProbe(redis, name, new Set());
    for (const id of await probe.connections()) {
      probe.before.add(id);
    }
    return probe;
  }

  private async connections(): Promise<string[]> {
    const list = (await this.redis.client('LIST')) as string;
    return list
      .split('\n')
      .filter((line) => line.includes(` name=${this.name} `))
      .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? '')
      .filter(Boolean);
  }

  async found(): Promise<boolean> {
    for (const id of await this.connections()) {
      if (!this.before.has(id) && !claimedConnections.has(id)) {
        claimedConnections.add(id);
        return true;
      }
    }
    return false;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
