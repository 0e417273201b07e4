import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportCheckParserPool, warmsCheckPoolOnBoot } from './report-check-parser.pool';

// Answers the ready handshake and nothing else: enough to see whether a child was started.
const IDLE_CHILD = `
process.on('message', () => {});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
`;

describe(ReportCheckParserPool.name, () => {
  let dir: string;
  let pool: ReportCheckParserPool | undefined;

  const create = (warmOnBoot: boolean) =>
    new ReportCheckParserPool({
      childPath: join(dir, 'idle-child.js'),
      size: 1,
      maxHeapMb: 64,
      timeoutMs: 5000,
      warmOnBoot,
    });

  const until = async (done: () => boolean, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) {
        throw new Error('condition not met in time');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kabinet-check-pool-'));
    writeFileSync(join(dir, 'idle-child.js'), IDLE_CHILD);
  });

  afterEach(() => pool?.close());

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should start a parser child when the application has booted', async () => {
    pool = create(true);
    pool.onApplicationBootstrap();
    await until(() => pool!.processCount === 1);
  });

  it('should start no child at boot when warming is off', async () => {
    pool = create(false);
    pool.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pool.processCount).toBe(0);
  });

  it.each([
    ['api', 'production', true],
    ['all', 'development', true],
    ['worker', 'production', false],
    ['api', 'test', false],
    ['all', 'test', false],
  ])('should warm for role %s with NODE_ENV=%s: %s', (role, env, expected) => {
    expect(warmsCheckPoolOnBoot(role, env)).toBe(expected);
  });
});
