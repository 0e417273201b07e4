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

  // ASVS 5.0 V13.3.1: no secret from the source code outside a development or test machine.
  describe('secrets', () => {
    const SECRET = 'startup-test-jwt-secret-0123456789abcdef';
    const MASTER = 'startup-test-master-key-0123456789abcdef';

    it.each([
      ['NODE_ENV unset', { NODE_ENV: '', JWT_SECRET: '', SECRETS_MASTER_KEY: '' }],
      ['NODE_ENV=production', { NODE_ENV: 'production', JWT_SECRET: '', SECRETS_MASTER_KEY: '' }],
    ])('should not start without JWT_SECRET when %s', async (_case, env) => {
      const exit = await start(env);
      expect(exit.code).not.toBe(0);
      expect(exit.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Invalid environment: .*JWT_SECRET \(required unless NODE_ENV/),
      ]);
    });

    it('should not start in production without its own master key, or with the JWT secret as it', async () => {
      const missing = await start({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        SECRETS_MASTER_KEY: '',
      });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr.trim()).toMatch(
        /^Invalid environment: SECRETS_MASTER_KEY \(required unless NODE_ENV/,
      );
      const same = await start({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        SECRETS_MASTER_KEY: SECRET,
      });
      expect(same.code).not.toBe(0);
      expect(same.stderr.trim()).toMatch(/SECRETS_MASTER_KEY \(must differ from JWT_SECRET\)/);
    });

    it('should get past the secrets check in production with both set', async () => {
      // An unreachable database stops it next: the secrets were accepted.
      const exit = await start({
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        SECRETS_MASTER_KEY: MASTER,
        DATABASE_URL: 'mysql://root@127.0.0.1:1/kabinet_unreachable',
      });
      expect(exit.code).not.toBe(0);
      expect(exit.stderr.trim()).toMatch(/^Cannot connect to MySQL at 127\.0\.0\.1:1 \(/);
    });
  });
});
