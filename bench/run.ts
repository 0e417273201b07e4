// `npm run bench`: measures Kabinet's hot paths on this machine and records the figures in
// docs/benchmarks.md (between the markers of each section), with the command that produced them.
// `npm run bench:reports` (reports.ts) adds the upload burst and the sustained evening.
import { measuredLine, writeSections } from './bench-doc';
import { parsingTable, runParsingBench } from './report-parsing.bench';

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const rows = await runParsingBench(sizes);
  const table = [measuredLine('npm run bench'), '', parsingTable(rows)].join('\n');
  console.log(table);
  writeSections({ 'report-parsing': table });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
