import { sweepIntervalMs } from './document-check.sweeper';

describe(sweepIntervalMs.name, () => {
  it('should sweep every 30 s for the usual 48 h expiry', () => {
    expect(sweepIntervalMs(48 * 3600 * 1000)).toBe(30_000);
  });

  it('should sweep at least twice per expiry when it is short, never below 0.5 s', () => {
    expect(sweepIntervalMs(10_000)).toBe(5_000);
    expect(sweepIntervalMs(100)).toBe(500);
  });
});
