import { spawn } from 'node:child_process';
import { join } from 'node:path';

const DIST = join(__dirname, '../../../dist/src');
const MAIN = join(DIST, 'main.js');

interface Exit {
  code: number | null;
  stderr: string;
  ms: number;
}

// `node dist/src/main.js` as an operator starts it, with `env` over this process's environment.
function start(env: Record<string, string>, entry = MAIN, timeoutMs = 20_000): Promise<Exit> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, APP_ROLE: 'api', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: performance.now() - started });
    });
  });
}

describe('start-up refusals', () => {
  // The server, the operator CLI and the step before `migration:run`.
  it.each(['main.js', 'cli.js', 'database/ensure-database.cli.js'])(
    'should stop %s with one line naming a bad variable',
    async (entry) => {
      const exit = await start({ PORT: '-5' }, join(DIST, entry));
      expect(exit.code).not.toBe(0);
      expect(exit.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Invalid environment: PORT \(.+\)$/),
      ]);
    },
  );

  it('should stop within 15 s with one line naming host and port when MySQL is unreachable', async () => {
    const exit = await start({ DATABASE_URL: 'mysql://root@127.0.0.1:1/kabinet_unreachable' });
    expect(exit.code).not.toBe(0);
    expect(exit.ms).toBeLessThan(15_000);
    expect(exit.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Cannot connect to MySQL at 127\.0\.0\.1:1 \(/),
    ]);
  });
});
