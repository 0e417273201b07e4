// checkRemoteWorkReport's work on a 5 000-row workbook (the largest a check answers): the
// package inspection and every check in a warm parser child, rows handed back over IPC, as
// `RemoteWorkReportCheckService` runs it. Run after `nest build`:
//   node dist/src/bench/report-check.bench.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ReportParserPool,
  reportParserChildPath,
} from '../modules/remote-work-reports/jobs/report-parser.pool';
import { BENCH_ORGANIZATION, writeBenchWorkbook } from './bench-workbook';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'report-check-bench-'));
  const path = join(dir, 'five-thousand.xlsx');
  await writeBenchWorkbook(path, 5000);
  const pool = new ReportParserPool({
    childPath: reportParserChildPath(),
    size: 1,
    maxHeapMb: 512,
    timeoutMs: 240_000,
  });
  const times: number[] = [];
  try {
    for (let run = 0; run < 7; run++) {
      const started = process.hrtime.bigint();
      await pool.parse(
        {
          filePath: path,
          options: { organization: BENCH_ORGANIZATION, maxRows: 5000, maxUnpackedBytes: 256 << 20 },
        },
        () => Promise.resolve(),
      );
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // The first run starts the child; the rest are warm.
  const warm = times.slice(1).sort((a, b) => a - b);
  console.log(
    `| check, 5 000 rows | cold ${times[0].toFixed(0)} ms | warm median ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms, max ${warm[warm.length - 1].toFixed(0)} ms |`,
  );
}

void main();
