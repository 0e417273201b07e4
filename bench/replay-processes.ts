import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { QueueName } from '../src/queues/queue-names';

// The Kabinet processes a replay runs against: `node dist/src/main.js` with APP_ROLE api or
// worker, each in a process group of its own so stopping it also ends its parser children.

// Compiled to dist-bench/bench/; the processes run the application build (dist/), as `npm start` does.
const MAIN = join(__dirname, '../..', process.env.BENCH_APP_DIST ?? 'dist', 'src/main.js');

export interface BenchProcess {
  name: string;
  role: 'api' | 'worker';
  pid: number;
  url: string | null;
  exited: Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

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

/** Starts one process and waits until it serves /health (api) or has registered its Bull worker. */
export async function startBenchProcess(
  name: string,
  role: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  probe: WorkerProbe,
): Promise<BenchProcess> {
  const port = role === 'api' ? await freePort() : null;
  const workersBefore = role === 'worker' ? await probe.count() : 0;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, APP_ROLE: role, ...(port === null ? {} : { PORT: String(port) }) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-32 * 1024);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const proc: BenchProcess = {
    name,
    role,
    pid: child.pid!,
    url: port === null ? null : `http://127.0.0.1:${port}`,
    exited,
    output: () => output,
    stop: () => stopGroup(child, exited),
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} ended while starting:\n${output}`);
    }
    const ready = role === 'api' ? await healthy(proc.url!) : (await probe.count()) > workersBefore;
    if (ready) {
      return proc;
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${name} not ready after 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<string>): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // The group has ended.
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  signal('SIGKILL');
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Counts the Bull worker connections of the reports queue (named `<prefix>:<base64 queue>`). */
export class WorkerProbe {
  private readonly name: string;

  constructor(
    private readonly redis: Redis,
    database: string,
  ) {
    this.name = `bull:${database}:${Buffer.from(QueueName.RemoteWorkReports).toString('base64')}`;
  }

  async count(): Promise<number> {
    const list = (await this.redis.client('LIST')) as string;
    return list.split('\n').filter((line) => line.includes(` name=${this.name} `)).length;
  }
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  let listed: string;
  try {
    listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  } catch {
    return [];
  }
  const children = listed.trim().split(/\s+/).filter(Boolean).map(Number);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/**
 * Peak resident memory of each process (the kernel's high-water mark, VmHWM) and of the
 * largest of its child processes (parser children), sampled while the replay runs.
 */
export class RssMonitor {
  private readonly peakChild = new Map<number, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly pids: number[]) {}

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    for (const pid of this.pids) {
      for (const child of descendants(pid)) {
        const hwm = statusField(child, 'VmHWM');
        this.peakChild.set(pid, Math.max(this.peakChild.get(pid) ?? 0, hwm));
      }
    }
  }

  /** Call before the processes stop: VmHWM disappears with them. */
  finish(): Map<number, { peak: number; peakChild: number }> {
    clearInterval(this.timer);
    this.sample();
    return new Map(
      this.pids.map((pid) => [
        pid,
        { peak: statusField(pid, 'VmHWM'), peakChild: this.peakChild.get(pid) ?? 0 },
      ]),
    );
  }
}
