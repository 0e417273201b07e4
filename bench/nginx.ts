import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../test/support/app-process';

// The benchmarks' reverse proxy: Debian's nginx running deploy/nginx.conf, with only the lines
// marked `bench:` rewritten (where it listens, which API processes it forwards to, and the paths
// it writes to, in a temporary folder of its own). What the benchmark measures behind it is what
// a deployment runs behind that file.

// The repository root: the nearest folder with package.json (this file runs from bench/ under
// jest and from dist-bench/bench/ in a benchmark).
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) {
    dir = dirname(dir);
  }
  return dir;
}

const ROOT = repositoryRoot();
export const DEPLOY_CONF = join(ROOT, 'deploy/nginx.conf');
const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

export type ProxyMode = 'nginx' | 'direct';

/** The nginx binary, or null when it is not installed. */
export function nginxBinary(): string | null {
  return NGINX_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** `--proxy` as given, else nginx when it is installed, else direct. */
export function proxyMode(flag: string | undefined): ProxyMode {
  if (flag === undefined) {
    return nginxBinary() ? 'nginx' : 'direct';
  }
  if (flag !== 'nginx' && flag !== 'direct') {
    throw new Error(`--proxy takes nginx or direct, not ${flag}`);
  }
  if (flag === 'nginx' && !nginxBinary()) {
    throw new Error('--proxy nginx: nginx is not installed (Debian: apt-get install -y nginx)');
  }
  return flag;
}

/**
 * deploy/nginx.conf for `upstreams` (`http://127.0.0.1:<port>` each), listening on `port`,
 * writing under `dir`. Throws when a marked line is missing, so the file and the benchmark
 * cannot drift apart silently.
 */
export function benchNginxConf(
  source: string,
  upstreams: string[],
  port: number,
  dir: string,
): string {
  const rewrites: Record<string, (indent: string) => string> = {
    pid: (i) => `${i}pid ${join(dir, 'nginx.pid')};`,
    error_log: (i) => `${i}error_log ${join(dir, 'error.log')} warn;`,
    access_log: (i) => `${i}access_log ${join(dir, 'access.log')} combined buffer=64k flush=5s;`,
    client_body_temp_path: (i) => `${i}client_body_temp_path ${join(dir, 'body')};`,
    proxy_temp_path: (i) => `${i}proxy_temp_path ${join(dir, 'proxy')};`,
    upstream: (i) =>
      upstreams.map((url) => `${i}server ${new URL(url).host} max_fails=0;`).join('\n'),
    listen: (i) => `${i}listen 127.0.0.1:${port};`,
  };
  const seen = new Set<string>();
  const lines = source.split('\n').map((line) => {
    const marker = /^(\s*).*#\s*bench:\s*(\S+)\s*$/.exec(line);
    if (!marker) {
      return line;
    }
    const rewrite = rewrites[marker[2]];
    if (!rewrite) {
      throw new Error(`deploy/nginx.conf: unknown marker bench: ${marker[2]}`);
    }
    seen.add(marker[2]);
    return rewrite(marker[1]);
  });
  const missing = Object.keys(rewrites).filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new Error(`deploy/nginx.conf: no line marked bench: ${missing.join(', ')}`);
  }
  // The benchmark runs nginx as whoever runs it, in the foreground, so it stops with the run.
  return ['daemon off;', ...lines.filter((line) => !/^\s*user\s/.test(line))].join('\n');
}

export interface RunningProxy {
  mode: ProxyMode;
  /** Where the clients send their requests. */
  url: string;
  pids(): number[];
  stop(): Promise<void>;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolvePort();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) {
          reject(new Error(`nginx did not listen on ${port}`));
        } else {
          setTimeout(attempt, 50);
        }
      });
    };
    attempt();
  });
}

/** Direct mode: the clients talk to the one API process itself. */
export function directProxy(apiUrl: string): RunningProxy {
  return { mode: 'direct', url: apiUrl, pids: () => [], stop: () => Promise.resolve() };
}

/** Starts nginx with deploy/nginx.conf in front of `upstreams`. */
export async function startNginx(upstreams: string[]): Promise<RunningProxy> {
  const binary = nginxBinary();
  if (!binary) {
    throw new Error('nginx is not installed (Debian: apt-get install -y nginx)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-nginx-'));
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, benchNginxConf(readFileSync(DEPLOY_CONF, 'utf8'), upstreams, port, dir));
  const check = spawnSync(binary, ['-t', '-q', '-p', dir, '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t failed: ${check.stderr}`);
  }
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', conf], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await Promise.race([
      waitForPort(port, 10_000),
      exited.then(() => {
        throw new Error(`nginx exited: ${stderr}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    mode: 'nginx',
    url: `http://127.0.0.1:${port}`,
    // The master and its worker processes.
    pids: () => {
      const children = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' });
      return [child.pid!, ...children.stdout.split('\n').filter(Boolean).map(Number)];
    },
    stop: async () => {
      // SIGQUIT: graceful shutdown, workers finish the requests in flight.
      child.kill('SIGQUIT');
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
      // What nginx complained of (upstream errors, bodies sent to disk) ends up in the run's output.
      const errorLog = join(dir, 'error.log');
      const log = existsSync(errorLog)
        ? readFileSync(errorLog, 'utf8').trim().split('\n').filter(Boolean)
        : [];
      if (log.length > 0) {
        console.error(
          `nginx error.log, ${log.length} lines, the last ones:\n${log.slice(-5).join('\n')}`,
        );
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
