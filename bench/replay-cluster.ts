import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// `bench:replay --cluster`: the replay against the cluster that scripts/cluster/up.sh started
// (Galera behind HAProxy, Redis with Sentinels, s3rver, 2 API + 2 workers behind nginx), and,
// with `--faults`, the failures injected while it runs. The cluster's processes are not the
// replay's: it reads their environment from $CLUSTER_DIR/env and drives them with the scripts.

const run = promisify(execFile);
const SCRIPTS = resolve(__dirname, '../../scripts/cluster');

export function clusterDir(): string {
  return process.env.CLUSTER_DIR ?? join(process.env.TMPDIR ?? '/tmp', 'kabinet-cluster');
}

/** The environment the cluster's Kabinet processes run with (`KEY=value` lines). */
export function clusterEnvironment(dir = clusterDir()): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(dir, 'env'), 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) {
      env[match[1]] = match[2];
    }
  }
  return env;
}

/** The pids of the cluster's Kabinet processes, by name, for the RSS figures. */
export function clusterPids(dir = clusterDir()): Map<string, number> {
  const pids = new Map<string, number>();
  for (const name of ['api1', 'api2', 'worker1', 'worker2']) {
    try {
      pids.set(name, Number(readFileSync(join(dir, `${name}.pid`), 'utf8').trim()));
    } catch {
      // Not started.
    }
  }
  return pids;
}

async function script(name: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(join(SCRIPTS, name), args, {
    env: { ...process.env, CLUSTER_DIR: clusterDir() },
    timeout: 300_000,
  });
  return stdout.trim();
}

/** One failure: what breaks, how long it stays broken, and how it is repaired. */
export interface Fault {
  /** `galera`, `redis`, `worker`, `api`, `storage` (for --faults=…). */
  key: string;
  name: string;
  /** Breaks something; returns what broke (a node name, a port) for the timeline. */
  inject(): Promise<string>;
  /** Time the failure lasts before the repair starts. */
  holdMs: number;
  /** Repairs it and resolves once the component serves again. */
  recover(target: string): Promise<void>;
}

export interface FaultRecord {
  name: string;
  target: string;
  injectedMs: number;
  recoveredMs: number;
  error?: string;
}

async function currentGaleraWriter(query: (sql: string) => Promise<string>): Promise<string> {
  const name = await query('SELECT @@wsrep_node_name');
  const match = /^galera(\d)$/.exec(name);
  if (!match) {
    throw new Error(`unexpected writer ${name}`);
  }
  return match[1];
}

/**
 * The faults of the issue, in order: the Galera node HAProxy writes to, the Redis primary, a
 * worker mid-report, an API process mid-upload, and a storage pause.
 */
export function clusterFaults(writerQuery: (sql: string) => Promise<string>): Fault[] {
  return [
    {
      key: 'galera',
      name: 'Galera writer node killed (SIGKILL), restarted (IST)',
      inject: async () => {
        const node = await currentGaleraWriter(writerQuery);
        await script('galera.sh', 'kill', node);
        return `galera${node}`;
      },
      holdMs: 15_000,
      recover: async (target) => {
        await script('galera.sh', 'start', target.replace('galera', ''));
      },
    },
    {
      key: 'redis',
      name: 'Redis primary killed (SIGKILL), Sentinel promotes the replica; old primary back as replica',
      inject: async () => {
        const primary = await script('redis.sh', 'primary');
        await script('redis.sh', 'kill', primary.split(':')[1]);
        return primary;
      },
      holdMs: 20_000,
      recover: async (target) => {
        await script('redis.sh', 'restart', target.split(':')[1]);
      },
    },
    {
      key: 'worker',
      name: 'worker killed (SIGKILL, with its parser children) mid-report',
      inject: async () => {
        await script('kabinet.sh', 'kill', 'worker1');
        return 'worker1';
      },
      holdMs: 5_000,
      recover: async (target) => {
        await script('kabinet.sh', 'restart', target);
      },
    },
    {
      key: 'api',
      name: 'API process killed (SIGKILL) mid-upload',
      inject: async () => {
        await script('kabinet.sh', 'kill', 'api1');
        return 'api1';
      },
      holdMs: 5_000,
      recover: async (target) => {
        await script('kabinet.sh', 'restart', target);
      },
    },
    {
      key: 'storage',
      name: 'storage paused (SIGSTOP) for 10 s',
      inject: () => {
        process.kill(Number(readFileSync(join(clusterDir(), 's3.pid'), 'utf8')), 'SIGSTOP');
        return Promise.resolve('s3rver');
      },
      holdMs: 10_000,
      recover: () => {
        process.kill(Number(readFileSync(join(clusterDir(), 's3.pid'), 'utf8')), 'SIGCONT');
        return Promise.resolve();
      },
    },
  ];
}

/**
 * Injects the faults one after another over the first `spanMs` of the replay (each at an even
 * share of it, never two at once), recording when each started and when its component served
 * again. Times are `performance.now()` values, like the replay's.
 */
export async function injectFaults(
  faults: Fault[],
  startMs: number,
  spanMs: number,
  log: (line: string) => void,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  const step = spanMs / (faults.length + 1);
  for (const [i, fault] of faults.entries()) {
    const at = startMs + step * (i + 1);
    const wait = at - performance.now();
    if (wait > 0) {
      await new Promise((r) => setTimeout(r, wait));
    }
    const injectedMs = performance.now();
    const t = () => `t=${Math.round((performance.now() - startMs) / 1000)} s`;
    try {
      const target = await fault.inject();
      log(`  ${t()}: fault: ${fault.name} (${target})`);
      await new Promise((r) => setTimeout(r, fault.holdMs));
      await fault.recover(target);
      records.push({ name: fault.name, target, injectedMs, recoveredMs: performance.now() });
      log(`  ${t()}: recovered: ${target}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      records.push({ name: fault.name, target: '?', injectedMs, recoveredMs: NaN, error: message });
      log(`  ${t()}: fault ${fault.name} could not be injected or repaired: ${message}`);
    }
  }
  return records;
}

/**
 * The employers' webhook receiver: every organization of the replay subscribes its report status
 * changes to it (`createWebhook`, as an integrator would), and it records which statuses of which
 * report arrived. Deliveries are at least once: a status seen twice counts once.
 */
export class WebhookSink {
  private readonly seen = new Map<string, Set<string>>();
  private server?: Server;
  deliveries = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            data?: { reportId?: string; status?: string };
          };
          const { reportId, status } = body.data ?? {};
          if (reportId && status) {
            this.deliveries += 1;
            const statuses = this.seen.get(reportId) ?? new Set<string>();
            statuses.add(status);
            this.seen.set(reportId, statuses);
          }
        } catch {
          // Not a delivery: counted nowhere.
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks`;
  }

  /** Whether the report's final status was delivered. */
  delivered(reportId: string, status: string): boolean {
    return this.seen.get(reportId)?.has(status) ?? false;
  }

  close(): void {
    this.server?.close();
  }
}

const CREATE_WEBHOOK = JSON.stringify({
  query:
    'mutation($url: String!) { createWebhook(url: $url, events: [REMOTE_WORK_REPORT_STATUS_CHANGED]) { webhook { id } } }',
});

/** Each token's organization subscribes `sinkUrl`, 16 at a time; throws on the first refusal. */
export async function subscribeWebhooks(
  baseUrl: string,
  tokens: string[],
  sinkUrl: string,
): Promise<void> {
  const body = JSON.stringify({ ...JSON.parse(CREATE_WEBHOOK), variables: { url: sinkUrl } });
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < tokens.length) {
      const token = tokens[next++];
      const res = await fetch(new URL('/graphql', baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const answer = (await res.json()) as { errors?: { message: string }[] };
      if (answer.errors?.length) {
        throw new Error(`createWebhook refused: ${answer.errors[0].message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, one));
}
