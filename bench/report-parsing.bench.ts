import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stream } from 'exceljs';
import type { ParsedEmployeeRow } from '../src/modules/remote-work-reports/parsing/remote-work-report.model';
import { parseRemoteWorkReport } from '../src/modules/remote-work-reports/parsing/remote-work-report.parser';
import { writeResultWorkbook } from '../src/modules/remote-work-reports/parsing/result-workbook.writer';
import { BENCH_ORGANIZATION, writeBenchWorkbook } from '../test/support/bench-workbook';

// Processing throughput of the report parser beside a bare exceljs streaming read of the same
// file, each measured in its own process so its peak RSS is its own.

async function bareRead(path: string): Promise<number> {
  let cells = 0;
  const reader = new stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      (row as { eachCell(cb: () => void): void }).eachCell(() => {
        cells += 1;
      });
    }
  }
  return cells;
}

async function parse(path: string): Promise<number> {
  let rows = 0;
  const outcome = await parseRemoteWorkReport(
    path,
    { organization: BENCH_ORGANIZATION, maxRows: 200_000, maxUnpackedBytes: 256 * 1024 * 1024 },
    (batch) => {
      rows += batch.length;
      return Promise.resolve();
    },
  );
  if (outcome.status === 'REJECTED') {
    throw new Error(`bench workbook rejected: ${JSON.stringify(outcome.issues.slice(0, 3))}`);
  }
  return rows;
}

// The result workbook (rendered on a report's first download) of every row of the file: the rows
// are parsed first and kept in memory, then only the writing is timed.
async function result(path: string, out: string): Promise<{ count: number; ms: number }> {
  const rows: ParsedEmployeeRow[] = [];
  await parseRemoteWorkReport(
    path,
    { organization: BENCH_ORGANIZATION, maxRows: 200_000, maxUnpackedBytes: 256 * 1024 * 1024 },
    (batch) => {
      rows.push(...batch);
      return Promise.resolve();
    },
  );
  // The rows as the download reads them from the database: batch by batch, awaited.
  async function* stored(): AsyncIterable<ParsedEmployeeRow> {
    for (let i = 0; i < rows.length; i += 1000) {
      yield* await Promise.resolve(rows.slice(i, i + 1000));
    }
  }
  const started = process.hrtime.bigint();
  await writeResultWorkbook(
    out,
    {
      status: 'ACCEPTED',
      reportingWeek: '01.12.2026–07.12.2026',
      totalEmployees: rows.length,
      remoteEmployees: rows.length,
      rowsTotal: rows.length,
      rowsAccepted: rows.filter((r) => r.accepted).length,
      rowsRejected: rows.filter((r) => !r.accepted).length,
      issues: [],
    },
    stored(),
  );
  return { count: rows.length, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

interface Measurement {
  ms: number;
  maxRssMb: number;
  count: number;
}

// The worker forks its parser children with this heap limit (REPORT_PARSER_MAX_HEAP_MB, default
// 512); both measurements run with it, so the parser's peak RSS is the one a worker's child
// reaches. V8 sizes its heap against the limit: on Node 24 the same 100 000-row parse peaked at
// 297 MiB without it and 215 MiB with it (2026-12-08, AMD EPYC machine).
const PARSER_HEAP_MB = Number(process.env.REPORT_PARSER_MAX_HEAP_MB ?? 512);

function measureInChild(mode: 'bare' | 'parse' | 'result', path: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', mode, path], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [`--max-old-space-size=${PARSER_HEAP_MB}`],
    });
    child.once('message', (m) => resolve(m as Measurement));
    child.once('error', reject);
    child.once('exit', (code) =>
      code ? reject(new Error(`${mode} child exited ${code}`)) : undefined,
    );
  });
}

async function childMain(mode: string, path: string): Promise<void> {
  if (mode === 'result') {
    const out = `${path}.result.xlsx`;
    const { count, ms } = await result(path, out);
    rmSync(out, { force: true });
    process.send?.({ ms, count, maxRssMb: process.resourceUsage().maxRSS / 1024 });
    process.disconnect?.();
    return;
  }
  const started = process.hrtime.bigint();
  const count = mode === 'bare' ? await bareRead(path) : await parse(path);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.send?.({ ms, count, maxRssMb: process.resourceUsage().maxRSS / 1024 });
  process.disconnect?.();
}

export interface ParsingBenchRow {
  rows: number;
  fileKb: number;
  bareMs: number;
  parseMs: number;
  ratio: number;
  rowsPerSecond: number;
  parseMaxRssMb: number;
  /** Rows per second written into the result workbook. */
  resultRowsPerSecond: number;
}

/** Runs the parsing benchmark for each size and returns one row per size. */
export async function runParsingBench(sizes: number[]): Promise<ParsingBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-bench-'));
  const results: ParsingBenchRow[] = [];
  try {
    for (const rows of sizes) {
      const path = join(dir, `report-${rows}.xlsx`);
      await writeBenchWorkbook(path, rows);
      // Best of two runs each, so a cold file cache does not decide the ratio.
      const bare = [await measureInChild('bare', path), await measureInChild('bare', path)];
      const parsed = [await measureInChild('parse', path), await measureInChild('parse', path)];
      const written = [await measureInChild('result', path), await measureInChild('result', path)];
      const bareMs = Math.min(...bare.map((m) => m.ms));
      const parseMs = Math.min(...parsed.map((m) => m.ms));
      if (parsed[0].count !== rows) {
        throw new Error(`parsed ${parsed[0].count} rows of ${rows}`);
      }
      results.push({
        rows,
        fileKb: Math.round(statSync(path).size / 1024),
        bareMs: Math.round(bareMs),
        parseMs: Math.round(parseMs),
        ratio: Math.round((bareMs / parseMs) * 100) / 100,
        rowsPerSecond: Math.round(rows / (parseMs / 1000)),
        parseMaxRssMb: Math.round(Math.max(...parsed.map((m) => m.maxRssMb))),
        resultRowsPerSecond: Math.round(rows / (Math.min(...written.map((m) => m.ms)) / 1000)),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** The parsing figures as a markdown table (the format of the report-parsing section). */
export function parsingTable(rows: ParsingBenchRow[]): string {
  return [
    '| rows | file | bare exceljs read | parse + every check | ratio (bare / parse) | rows/s | parser peak RSS | result workbook rows/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.rows} | ${r.fileKb} KiB | ${r.bareMs} ms | ${r.parseMs} ms | ${r.ratio} | ${r.rowsPerSecond} | ${r.parseMaxRssMb} MiB | ${r.resultRowsPerSecond} |`,
    ),
  ].join('\n');
}

if (process.argv[2] === '--child') {
  childMain(process.argv[3], process.argv[4]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
