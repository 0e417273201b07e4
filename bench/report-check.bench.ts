// checkRemoteWorkReport's work on a 5 000-row workbook (the largest a check answers): the
// package inspection and every check in a parser child, rows handed back over IPC, as
// `RemoteWorkReportCheckService` runs it. `npm run bench:check` (or, after `nest build`,
// `node dist/src/bench/report-check.bench.js`). Three figures:
// - cold: the first check of a pool nobody warmed (the child starts with the check);
// - first after boot: the first check of a pool warmed the way an API process warms it at boot
//   (`ReportCheckParserPool.onApplicationBootstrap`), a fresh child whose code has not run yet;
// - warm: later checks on the same child (median and max of six).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ReportParserPool,
  reportParserChildPath,
} from '../src/modules/remote-work-reports/jobs/report-parser.pool';
import { BENCH_ORGANIZATION, writeBenchWorkbook } from '../test/support/bench-workbook';

const ROWS = 5000;

function newPool(): ReportParserPool {
  return new ReportParserPool({
    childPath: reportParserChildPath(),
    size: 1,
    maxHeapMb: 512,
    timeoutMs: 240_000,
  });
}

async function timedCheck(pool: ReportParserPool, path: string): Promise<number> {
  const started = process.hrtime.bigint();
  await pool.parse(
    {
      filePath: path,
      options: { organization: BENCH_ORGANIZATION, maxRows: ROWS, maxUnpackedBytes: 256 << 20 },
    },
    () => Promise.resolve(),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'report-check-bench-'));
  const path = join(dir, 'five-thousand.xlsx');
  await writeBenchWorkbook(path, ROWS);
  try {
    const coldPool = newPool();
    let cold: number;
    try {
      cold = await timedCheck(coldPool, path);
    } finally {
      coldPool.close();
    }

    const pool = newPool();
    try {
      const warmStarted = process.hrtime.bigint();
      await pool.warm();
      const warmUp = Number(process.hrtime.bigint() - warmStarted) / 1e6;
      const first = await timedCheck(pool, path);
      const warm: number[] = [];
      for (let run = 0; run < 6; run++) {
        warm.push(await timedCheck(pool, path));
      }
      warm.sort((a, b) => a - b);
      const median = (warm[2] + warm[3]) / 2;
      console.log(
        `| check, ${ROWS} rows | cold ${cold.toFixed(0)} ms | after boot warm-up ` +
          `(${warmUp.toFixed(0)} ms, off the request path) ${first.toFixed(0)} ms | ` +
          `warm median ${median.toFixed(0)} ms, max ${warm[warm.length - 1].toFixed(0)} ms |`,
      );
    } finally {
      pool.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
