// `npm run bench:reports [-- flags]`: the remote-work report benchmarks, printed as markdown;
// with --write they replace their sections of docs/benchmarks.md.
//   --parts parsing,burst,sustained,overhead   which parts to run (default: all four)
//   --sizes 1000,10000,100000         parsing: workbook sizes (rows)
//   --employers 200 --burst-rows 50   burst: employers uploading at once, rows per workbook
//   --final-timeout 600               burst: seconds to wait for every report to be final
//   --burst-runs 3                    burst: bursts in turn, each by employers of its own
//   --rates 25,50,100,150,200         sustained: upload rates tried in turn (uploads/s)
//   --seconds 60 --rows 50            sustained: seconds per rate, rows per workbook
//   --sustained-employers 200         sustained: employers taking turns
//   --drain-timeout 60 --p99 500      sustained: backlog drain limit (s), p99 acceptance limit (ms)
//   --parser-concurrency 2            the worker's REPORT_PARSER_CONCURRENCY
//   --warm-up-rounds 10               burst, sustained: rounds of 200 uploads before measuring
//   --proxy nginx|direct              burst, sustained: clients through nginx running
//                                     deploy/nginx.conf (default when nginx is installed) or
//                                     straight to the API process
//   --overhead-reports 20 --overhead-rows 50   overhead: reports counted, rows per workbook
import { loadLine, measuredLine, writeSections } from './bench-doc';
import {
  burstCpuTable,
  burstTable,
  BurstResult,
  LoadSystem,
  runBurst,
  runSustained,
  startLoadSystem,
  sustainedTable,
} from './report-load.bench';
import { proxyMode } from './nginx';
import { overheadTable, runOverhead } from './report-overhead.bench';
import { parsingTable, runParsingBench } from './report-parsing.bench';

// The system under load, while it runs: an interrupted benchmark removes it too.
let system: LoadSystem | null = null;

const PARTS = ['parsing', 'burst', 'sustained', 'overhead'] as const;
type Part = (typeof PARTS)[number];

function parseFlags(argv: string[]): { flags: Map<string, string>; write: boolean } {
  const flags = new Map<string, string>();
  let write = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--write') {
      write = true;
    } else if (arg.startsWith('--') && i + 1 < argv.length) {
      flags.set(arg.slice(2), argv[++i]);
    } else {
      throw new Error(`unknown argument ${arg}`);
    }
  }
  return { flags, write };
}

function numbers(value: string): number[] {
  const list = value.split(',').map(Number);
  if (list.some((n) => !Number.isFinite(n) || n <= 0)) {
    throw new Error(`expected positive numbers, got ${value}`);
  }
  return list;
}

async function main(): Promise<void> {
  const { flags, write } = parseFlags(process.argv.slice(2));
  const known = new Set([
    'parts',
    'sizes',
    'employers',
    'burst-rows',
    'burst-runs',
    'final-timeout',
    'rates',
    'seconds',
    'rows',
    'sustained-employers',
    'drain-timeout',
    'p99',
    'parser-concurrency',
    'proxy',
    'warm-up-rounds',
    'overhead-reports',
    'overhead-rows',
  ]);
  for (const name of flags.keys()) {
    if (!known.has(name)) {
      throw new Error(`unknown flag --${name}`);
    }
  }
  const get = (name: string, fallback: string) => flags.get(name) ?? fallback;
  const parts = get('parts', PARTS.join(',')).split(',') as Part[];
  for (const part of parts) {
    if (!PARTS.includes(part)) {
      throw new Error(`unknown part ${part}`);
    }
  }
  const args = process.argv.slice(2).filter((a) => a !== '--write');
  const command = ['npm run bench:reports', ...(args.length ? ['--', ...args] : [])];
  const header = `${measuredLine(command.join(' '))} ${loadLine()}`;
  const sections: Record<string, string> = {};

  if (parts.includes('parsing')) {
    const rows = await runParsingBench(numbers(get('sizes', '1000,10000,100000')));
    sections['report-parsing'] = [header, '', parsingTable(rows)].join('\n');
  }
  if (parts.includes('burst') || parts.includes('sustained')) {
    const parserConcurrency = numbers(get('parser-concurrency', '2'))[0];
    const proxy = proxyMode(flags.get('proxy'));
    const front =
      proxy === 'nginx'
        ? 'the clients upload through nginx running `deploy/nginx.conf` (upstream keep-alive, request bodies buffered)'
        : 'the clients connect straight to the API process (no proxy)';
    const setup = `One API process and one worker process (REPORT_PARSER_CONCURRENCY=${parserConcurrency}) started by the benchmark; ${front}; the uploading clients run in the benchmark's own process on the same machine.`;
    try {
      system = await startLoadSystem({
        parserConcurrency,
        proxy,
        warmUpRounds: numbers(get('warm-up-rounds', '10'))[0],
      });
      if (parts.includes('burst')) {
        // Runs one after another on the same processes, each once the previous one is final:
        // one burst on a 2-core machine varies by half its p99 from run to run.
        const runs: BurstResult[] = [];
        for (let run = 1; run <= numbers(get('burst-runs', '3'))[0]; run++) {
          runs.push(
            await runBurst(system, {
              run,
              employers: numbers(get('employers', '200'))[0],
              rows: numbers(get('burst-rows', '50'))[0],
              finalTimeoutMs: numbers(get('final-timeout', '600'))[0] * 1000,
            }),
          );
        }
        sections['report-burst'] = [
          header,
          setup,
          '',
          burstTable(runs),
          '',
          burstCpuTable(runs),
        ].join('\n');
      }
      if (parts.includes('sustained')) {
        const result = await runSustained(system, {
          rates: numbers(get('rates', '25,50,100,150,200')),
          seconds: numbers(get('seconds', '60'))[0],
          rows: numbers(get('rows', '50'))[0],
          employers: numbers(get('sustained-employers', '200'))[0],
          drainTimeoutMs: numbers(get('drain-timeout', '60'))[0] * 1000,
          p99LimitMs: numbers(get('p99', '500'))[0],
        });
        sections['report-sustained'] = [header, setup, '', sustainedTable(result)].join('\n');
      }
    } finally {
      await system?.close();
      system = null;
    }
  }

  if (parts.includes('overhead')) {
    const result = await runOverhead(
      numbers(get('overhead-reports', '20'))[0],
      numbers(get('overhead-rows', '50'))[0],
    );
    sections['report-overhead'] = [header, '', overheadTable(result)].join('\n');
  }

  for (const [name, body] of Object.entries(sections)) {
    console.log(`### ${name}\n\n${body}\n`);
  }
  if (write) {
    writeSections(sections);
  }
}

// An interrupted run stops the API and worker processes (they run in process groups of their
// own) and removes the benchmark's database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (system?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
