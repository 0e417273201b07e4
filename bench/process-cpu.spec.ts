import { spawn } from 'node:child_process';
import {
  parseSchedstat,
  processGroupOf,
  processTimes,
  startCpuMeter,
  threadTimes,
} from './process-cpu';

describe('process-cpu', () => {
  it('should read run and wait nanoseconds from a schedstat line', () => {
    expect(parseSchedstat('2500000 1000000 42\n')).toEqual({ runMs: 2.5, waitMs: 1 });
  });

  it('should refuse a line that is not schedstat', () => {
    expect(() => parseSchedstat('n/a')).toThrow('not a schedstat line');
  });

  it('should find the process group after a command name with spaces and parentheses', () => {
    expect(processGroupOf('4242 (node (x) y) S 1 4240 4240 0 -1 4194560')).toBe(4240);
  });

  const linux = process.platform === 'linux' ? it : it.skip;

  linux('should count the time this thread runs and waits between start and stop', () => {
    const stop = startCpuMeter({ self: () => threadTimes(process.pid) });
    const until = performance.now() + 30;
    let spin = 0;
    while (performance.now() < until) {
      spin++;
    }
    const { self } = stop();
    expect(spin).toBeGreaterThan(0);
    // A spinning thread is always on a core or waiting for one, however busy the machine.
    expect(self.runMs).toBeGreaterThan(0);
    expect(self.runMs + self.waitMs).toBeGreaterThanOrEqual(25);
    expect(self.runMs + self.waitMs).toBeLessThan(1000);
  });

  linux('should count a process that has ended as zero', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    // Reaped: its /proc entry is gone.
    expect(processTimes(pid)).toEqual({ runMs: 0, waitMs: 0 });
  });
});
