import { readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** What lowering the priority touches; replaced in tests. */
export interface PriorityHost {
  pid: number;
  getPriority(): number;
  setPriority(nice: number): void;
  /** A /proc/self file's text, or null where there is none (not Linux, no autogroups). */
  readProc(name: 'stat' | 'autogroup'): string | null;
  writeAutogroup(nice: number): void;
}

const linuxHost: PriorityHost = {
  pid: process.pid,
  getPriority: () => getPriority(),
  setPriority: (nice) => setPriority(nice),
  readProc: (name) => {
    try {
      return readFileSync(`/proc/self/${name}`, 'utf8');
    } catch {
      return null;
    }
  },
  writeAutogroup: (nice) => writeFileSync('/proc/self/autogroup', String(nice)),
};

/**
 * The fields of a /proc/<pid>/stat line after the command name, which may itself hold spaces and
 * parentheses: [state, ppid, pgrp, session, …].
 */
export function statFieldsAfterName(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The session id in /proc/self/stat: the fourth field after the command name. */
export function sessionIdOf(stat: string): number | null {
  const session = Number(statFieldsAfterName(stat)[3]);
  return Number.isInteger(session) ? session : null;
}

/** The nice value of /proc/self/autogroup ("/autogroup-85 nice 0"). */
export function autogroupNiceOf(autogroup: string): number | null {
  const match = /\bnice\s+(-?\d+)/.exec(autogroup);
  return match ? Number(match[1]) : null;
}

/**
 * Gives this process (and the children it forks later) the scheduling priority `nice`, never a
 * higher one than it has. Returns what could not be done, for a warning.
 *
 * On Linux with autogroups (the default of most distributions), a nice value only weighs
 * against the processes of the same session: a worker started in a session of its own (by a
 * service manager, a terminal, a detached spawn) would still take an equal share of the CPU
 * against the API. Measured on 2 cores, the API's event loop then waited for the CPU about as
 * long as it ran during an upload burst. So a session leader lowers its session's group too.
 * A process that does not lead its session leaves the group alone: it is shared with the shell
 * or the service that started it.
 */
export function lowerPriority(nice: number, host: PriorityHost = linuxHost): string[] {
  const problems: string[] = [];
  try {
    if (host.getPriority() < nice) {
      host.setPriority(nice);
    }
  } catch (error) {
    problems.push(`nice ${nice} not applied: ${(error as Error).message}`);
  }
  const stat = host.readProc('stat');
  const autogroup = host.readProc('autogroup');
  if (stat === null || autogroup === null || sessionIdOf(stat) !== host.pid) {
    return problems;
  }
  const current = autogroupNiceOf(autogroup);
  if (current !== null && current >= nice) {
    return problems;
  }
  try {
    host.writeAutogroup(nice);
  } catch (error) {
    problems.push(`autogroup nice ${nice} not applied: ${(error as Error).message}`);
  }
  return problems;
}
