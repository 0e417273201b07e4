import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedEmployeeRow, ParseOutcome } from '../parsing/remote-work-report.model';
import {
  ParserCrashedError,
  ReportParserPool,
  ReportParserPoolOptions,
} from './report-parser.pool';

// A stand-in for the compiled child that speaks the same protocol; what it does depends on the
// file name it is asked to parse.
const FAKE_CHILD = `
let ack = null;
const send = (m) => new Promise((r) => process.send(m, undefined, {}, r));
process.on('message', async (m) => {
  if (m.type === 'ack') { const a = ack; ack = null; a && a(m.ok); return; }
  const what = m.filePath;
  if (what === 'crash') process.exit(3);
  if (what === 'hang') return;
  if (what === 'hog') { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }
  if (what === 'rows') {
    const ok = await new Promise((r) => { ack = r; send({ type: 'rows', rows: [{ rowNumber: 2 }] }); });
    if (!ok) { await send({ type: 'failed', message: 'sink refused' }); return; }
  }
  await send({ type: 'done', outcome: { status: 'ACCEPTED', rowsTotal: process.pid } });
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
`;

describe(ReportParserPool.name, () => {
  let dir: string;
  let pool: ReportParserPool;

  const create = (options: Partial<ReportParserPoolOptions> = {}) =>
    new ReportParserPool({
      childPath: join(dir, 'fake-child.js'),
      size: 1,
      maxHeapMb: 64,
      timeoutMs: 5000,
      ...options,
    });

  const parse = (
    filePath: string,
    onRows: (rows: ParsedEmployeeRow[]) => Promise<void> = () => Promise.resolve(),
  ): Promise<ParseOutcome> =>
    pool.parse(
      {
        filePath,
        options: {
          organization: { inn: '', ogrn: '', fullName: '' },
          maxRows: 1,
          maxUnpackedBytes: 1,
        },
      },
      onRows,
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kabinet-parser-pool-'));
    writeFileSync(join(dir, 'fake-child.js'), FAKE_CHILD);
  });

  afterEach(() => pool.close());

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should hand rows over before the child reads on, and reuse one child for many files', async () => {
    pool = create();
    const received: ParsedEmployeeRow[][] = [];
    const first = await parse('rows', (rows) => {
      received.push(rows);
      return Promise.resolve();
    });
    const second = await parse('plain');
    expect(received).toEqual([[{ rowNumber: 2 }]]);
    expect(second.rowsTotal).toBe(first.rowsTotal);
    expect(pool.processCount).toBe(1);
  });

  it('should fail with the storage error when the rows cannot be stored, keeping the child', async () => {
    pool = create();
    const before = (await parse('plain')).rowsTotal;
    await expect(parse('rows', () => Promise.reject(new Error('deadlock')))).rejects.toThrow(
      'deadlock',
    );
    expect((await parse('plain')).rowsTotal).toBe(before);
  });

  it('should report a child that dies mid-file as a crash and start a fresh one', async () => {
    pool = create();
    const before = (await parse('plain')).rowsTotal;
    await expect(parse('crash')).rejects.toBeInstanceOf(ParserCrashedError);
    const after = (await parse('plain')).rowsTotal;
    expect(after).not.toBe(before);
  });

  it('should kill a child that overruns the time limit', async () => {
    pool = create({ timeoutMs: 300 });
    await expect(parse('hang')).rejects.toThrow(/no result in 300 ms/);
    expect((await parse('plain')).status).toBe('ACCEPTED');
  });

  it('should keep a memory-hungry file inside the child’s heap limit', async () => {
    pool = create({ maxHeapMb: 64, timeoutMs: 20_000 });
    await expect(parse('hog')).rejects.toBeInstanceOf(ParserCrashedError);
    expect((await parse('plain')).status).toBe('ACCEPTED');
  }, 30_000);

  it('should make a child that cannot start an ordinary failure, not a verdict on the file', async () => {
    pool = create({ childPath: join(dir, 'missing.js') });
    const error = await parse('plain').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ParserCrashedError);
  });

  it('should start a child ahead of the first parse when warmed, and use it for that parse', async () => {
    pool = create({ size: 1 });
    await pool.warm();
    expect(pool.processCount).toBe(1);
    await pool.warm();
    expect(pool.processCount).toBe(1);
    const first = await parse('plain');
    const second = await parse('plain');
    expect(first.rowsTotal).toBe(second.rowsTotal);
    expect(pool.processCount).toBe(1);
  });

  it('should give a parse that arrives while the pool warms up the child being started', async () => {
    pool = create({ size: 1 });
    const [, outcome] = await Promise.all([pool.warm(), parse('plain')]);
    expect(outcome.status).toBe('ACCEPTED');
    expect(pool.processCount).toBe(1);
  });

  it('should not leave a parse waiting when the warm-up child cannot start', async () => {
    pool = create({ size: 1, childPath: join(dir, 'missing.js') });
    const [warmed, error] = await Promise.all([
      pool.warm(),
      parse('plain').catch((e: unknown) => e),
    ]);
    expect(warmed).toBeUndefined();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ParserCrashedError);
  });

  it('should queue parses beyond the pool size', async () => {
    pool = create({ size: 1 });
    const results = await Promise.all([parse('rows'), parse('plain'), parse('plain')]);
    expect(results.map((r) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect(pool.processCount).toBe(1);
  });
});
