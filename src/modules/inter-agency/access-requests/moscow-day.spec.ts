import { moscowDay } from './moscow-day';

describe(moscowDay.name, () => {
  it('should give the Moscow date, which starts at 21:00 UTC the day before', () => {
    expect(moscowDay(new Date('2026-06-01T20:59:59.999Z'))).toBe('2026-06-01');
    expect(moscowDay(new Date('2026-06-01T21:00:00.000Z'))).toBe('2026-06-02');
  });
});
