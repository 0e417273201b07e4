import { readdirSync, readFileSync } from 'node:fs';
import { statFieldsAfterName } from '../src/core/process/index';

// Where a burst's CPU goes, read from /proc: what each process of the system ran and how long
// its threads waited for a core. On a 2-core machine the burst p99 is about what the API's main
// thread runs plus how long it waits, so these figures say which of the two a change moved.

/** Time a set of threads spent on a core and waiting for one, in milliseconds. */
export interface CpuTimes {
  runMs: number;
  waitMs: number;
}

const ZERO: CpuTimes = { runMs: 0, waitMs: 0 };

/** `/proc/.../schedstat`: "<run ns> <wait ns> <timeslices>". */
export function parseSchedstat(text: string): CpuTimes {
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(run) || !Number.isFinite(wait)) {
    throw new Error(`not a schedstat line: ${JSON.stringify(text)}`);
  }
  return { runMs: run / 1e6, waitMs: wait / 1e6 };
}

/** The process group id in /proc/<pid>/stat: the third field after the command name. */
export function processGroupOf(stat: string): number {
  return Number(statFieldsAfterName(stat)[2]);
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const add = (a: CpuTimes, b: CpuTimes): CpuTimes => ({
  runMs: a.runMs + b.runMs,
  waitMs: a.waitMs + b.waitMs,
});

/** One thread (its main thread when `tid` is the process id); zero once it is gone. */
export function threadTimes(pid: number, tid = pid): CpuTimes {
  const text = read(`/proc/${pid}/task/${tid}/schedstat`);
  return text === null ? ZERO : parseSchedstat(text);
}

/** Every thread of one process. */
export function processTimes(pid: number): CpuTimes {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return ZERO;
  }
  return tids.reduce((sum, tid) => add(sum, threadTimes(pid, Number(tid))), ZERO);
}

// Without /proc (not Linux) every figure is zero rather than the benchmark failing.
function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

/** Every process of a process group (a Kabinet process and the parser children it forked). */
export function groupTimes(pgid: number): CpuTimes {
  return allPids()
    .filter((pid) => {
      const stat = read(`/proc/${pid}/stat`);
      return stat !== null && processGroupOf(stat) === pgid;
    })
    .reduce((sum, pid) => add(sum, processTimes(pid)), ZERO);
}

/** Every process whose command name (/proc/<pid>/comm) is `name`, e.g. mariadbd. */
export function commandTimes(name: string): CpuTimes {
  return allPids()
    .filter((pid) => read(`/proc/${pid}/comm`)?.trim() === name)
    .reduce((sum, pid) => add(sum, processTimes(pid)), ZERO);
}

/** The sum of several processes' times. */
export function sumTimes(list: CpuTimes[]): CpuTimes {
  return list.reduce(add, ZERO);
}

/** What is measured across a burst; each entry a function of the moment. */
export type CpuProbes = Record<string, () => CpuTimes>;

/** Starts measuring; the returned function gives what each probe used since. */
export function startCpuMeter(probes: CpuProbes): () => Record<string, CpuTimes> {
  const before = Object.fromEntries(Object.entries(probes).map(([k, f]) => [k, f()]));
  return () =>
    Object.fromEntries(
      Object.entries(probes).map(([k, f]) => {
        const now = f();
        return [k, { runMs: now.runMs - before[k].runMs, waitMs: now.waitMs - before[k].waitMs }];
      }),
    );
}
