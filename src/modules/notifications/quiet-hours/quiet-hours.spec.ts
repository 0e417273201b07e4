import { formatMinute, parseMinute, parseWindow, quietUntil } from './quiet-hours';

// Moscow is UTC+3: 22:00 MSK is 19:00Z.
const night = { fromMinute: 22 * 60, toMinute: 8 * 60 };

describe('quiet hours', () => {
  it('should hold until 08:00 Moscow time when it is 23:30 there', () => {
    expect(quietUntil(new Date('2026-06-01T20:30:00Z'), night)).toEqual(
      new Date('2026-06-02T05:00:00Z'),
    );
  });

  it('should hold after midnight until the same morning', () => {
    expect(quietUntil(new Date('2026-06-01T23:59:30Z'), night)).toEqual(
      new Date('2026-06-02T05:00:00Z'),
    );
  });

  it('should hold from the first minute of the window and not in the minute it ends', () => {
    expect(quietUntil(new Date('2026-06-01T19:00:00Z'), night)).toEqual(
      new Date('2026-06-02T05:00:00Z'),
    );
    expect(quietUntil(new Date('2026-06-01T18:59:59Z'), night)).toBeNull();
    expect(quietUntil(new Date('2026-06-02T05:00:00Z'), night)).toBeNull();
  });

  it('should handle a window that does not cross midnight', () => {
    const afternoon = { fromMinute: 13 * 60, toMinute: 15 * 60 + 30 };
    expect(quietUntil(new Date('2026-06-01T11:00:00Z'), afternoon)).toEqual(
      new Date('2026-06-01T12:30:00Z'),
    );
    expect(quietUntil(new Date('2026-06-01T13:00:00Z'), afternoon)).toBeNull();
  });

  it('should never hold without a window', () => {
    expect(quietUntil(new Date('2026-06-01T20:30:00Z'), null)).toBeNull();
  });

  it('should parse and format windows', () => {
    expect(parseWindow('22:00-08:00')).toEqual(night);
    expect(parseWindow('off')).toBeNull();
    expect(() => parseWindow('08:00-08:00')).toThrow();
    expect(() => parseWindow('25:00-08:00')).toThrow();
    expect(parseMinute('7:00')).toBeNull();
    expect(formatMinute(8 * 60 + 5)).toBe('08:05');
  });
});
