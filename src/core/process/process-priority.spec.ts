import { autogroupNiceOf, lowerPriority, sessionIdOf } from './process-priority';
import type { PriorityHost } from './process-priority';

const PID = 4242;

/** A host whose state the test reads back: nice values and whether the group was written. */
function host(
  options: {
    nice?: number;
    session?: number;
    autogroup?: string | null;
    failSet?: boolean;
    failGroup?: boolean;
  } = {},
) {
  const state = { nice: options.nice ?? 0, groupNice: null as number | null };
  const fake: PriorityHost = {
    pid: PID,
    getPriority: () => state.nice,
    setPriority: (nice) => {
      if (options.failSet) {
        throw new Error('EACCES');
      }
      state.nice = nice;
    },
    readProc: (name) =>
      name === 'stat'
        ? `${PID} (node main) S 1 ${options.session ?? PID} ${options.session ?? PID} 0 -1`
        : options.autogroup === undefined
          ? '/autogroup-85 nice 0\n'
          : options.autogroup,
    writeAutogroup: (nice) => {
      if (options.failGroup) {
        throw new Error('EPERM');
      }
      state.groupNice = nice;
    },
  };
  return { fake, state };
}

describe('process priority', () => {
  it('reads the session id after a command name that holds spaces and parentheses', () => {
    expect(sessionIdOf('77 (node (x) y) S 1 70 71 0 -1 4194560')).toBe(71);
    expect(sessionIdOf('garbage')).toBeNull();
  });

  it('reads the nice value of an autogroup', () => {
    expect(autogroupNiceOf('/autogroup-85 nice 0\n')).toBe(0);
    expect(autogroupNiceOf('/autogroup-3 nice -5')).toBe(-5);
    expect(autogroupNiceOf('')).toBeNull();
  });

  it('lowers the process and, as the leader of its session, its autogroup', () => {
    const { fake, state } = host();
    expect(lowerPriority(10, fake)).toEqual([]);
    expect(state).toEqual({ nice: 10, groupNice: 10 });
  });

  it('leaves the autogroup of a session it does not lead: the shell and its jobs share it', () => {
    const { fake, state } = host({ session: 100 });
    expect(lowerPriority(10, fake)).toEqual([]);
    expect(state).toEqual({ nice: 10, groupNice: null });
  });

  it('never raises a priority that is already lower', () => {
    const { fake, state } = host({ nice: 15, autogroup: '/autogroup-9 nice 12' });
    expect(lowerPriority(10, fake)).toEqual([]);
    expect(state).toEqual({ nice: 15, groupNice: null });
  });

  it('does nothing more where there are no autogroups', () => {
    const { fake, state } = host({ autogroup: null });
    expect(lowerPriority(10, fake)).toEqual([]);
    expect(state).toEqual({ nice: 10, groupNice: null });
  });

  it('reports what it could not apply and still tries the rest', () => {
    const { fake, state } = host({ failSet: true, failGroup: true });
    expect(lowerPriority(10, fake)).toEqual([
      'nice 10 not applied: EACCES',
      'autogroup nice 10 not applied: EPERM',
    ]);
    expect(state).toEqual({ nice: 0, groupNice: null });
  });
});
