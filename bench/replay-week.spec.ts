import {
  arrivalTimes,
  badRowCount,
  FULL_WEEK_UPLOADS,
  MAX_ROWS,
  MONDAY_CURVE,
  planWeek,
  prng,
  quantile,
} from './replay-week';

describe('replay week', () => {
  it('should give the full week the real shape: median 3, mean about 7, a tail to 60 000 rows', () => {
    const week = planWeek({ fraction: 1, durationSeconds: 3600, seed: 1 });
    const rows = week.map((u) => u.rows);
    const mean = rows.reduce((a, b) => a + b, 0) / rows.length;
    expect(week).toHaveLength(FULL_WEEK_UPLOADS);
    expect(quantile(rows, 0.5)).toBe(3);
    expect(mean).toBeGreaterThan(6.3);
    expect(mean).toBeLessThan(7.7);
    expect(rows.reduce((a, b) => Math.max(a, b))).toBe(MAX_ROWS);
    expect(rows.reduce((a, b) => Math.min(a, b))).toBe(1);
    const kinds = (kind: string) => week.filter((u) => u.kind === kind).length;
    expect(kinds('bad-rows')).toBe(0.05 * FULL_WEEK_UPLOADS);
    expect(kinds('unreadable')).toBe(0.01 * FULL_WEEK_UPLOADS);
  });

  it('should scale the count and the tail with the fraction and repeat for one seed', () => {
    const a = planWeek({ fraction: 0.001, durationSeconds: 20, seed: 7 });
    const b = planWeek({ fraction: 0.001, durationSeconds: 20, seed: 7 });
    const c = planWeek({ fraction: 0.001, durationSeconds: 20, seed: 8 });
    expect(a).toHaveLength(180);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    // A thousandth of a week has no employer of the 20-employer tail.
    expect(Math.max(...a.map((u) => u.rows))).toBeLessThan(MAX_ROWS);
    expect(a.filter((u) => u.kind === 'unreadable')).toHaveLength(2);
    expect(a.filter((u) => u.kind === 'bad-rows').every((u) => u.rows >= 2)).toBe(true);
  });

  it('should send along the Monday curve inside the duration, busiest in its peak hours', () => {
    const times = arrivalTimes(50_000, 240, prng(3));
    expect(times[0]).toBeGreaterThanOrEqual(0);
    expect(times.at(-1)).toBeLessThan(240);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    const perHour = MONDAY_CURVE.map(
      (_, h) => times.filter((t) => Math.floor(t / 10) === h).length,
    );
    // 03:00 (weight 0.1) against 10:00 (weight 3).
    expect(perHour[10] / perHour[3]).toBeGreaterThan(20);
    expect(perHour[10] / perHour[3]).toBeLessThan(40);
  });

  it('should keep at least one good row in a file with bad rows', () => {
    expect(badRowCount(2)).toBe(1);
    expect(badRowCount(25)).toBe(2);
    expect(badRowCount(1000)).toBe(100);
  });

  it('should pick nearest-rank quantiles', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(
      quantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.99,
      ),
    ).toBe(99);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
