import { niceMax, replayChartSvg, replaySamples, smooth } from './replay-chart';

describe('replaySamples', () => {
  it('counts offered and accepted per second, the p99 and the backlog against final reports', () => {
    const uploads = [
      { dueSecond: 0.1, answeredSecond: 0.3, accepted: true, latencyMs: 200 },
      { dueSecond: 0.5, answeredSecond: 1.2, accepted: true, latencyMs: 700 },
      { dueSecond: 1.5, answeredSecond: 1.6, accepted: false, latencyMs: 100 },
      { dueSecond: 1.9, answeredSecond: 2.0, accepted: true, latencyMs: 100 },
    ];
    const samples = replaySamples(
      uploads,
      [
        { second: 1.0, final: 0 },
        { second: 2.5, final: 2 },
        { second: 3.4, final: 3 },
      ],
      3.4,
    );
    expect(samples.map((s) => s.offered)).toEqual([2, 2, 0, 0]);
    expect(samples.map((s) => s.accepted)).toEqual([1, 1, 1, 0]);
    expect(samples.map((s) => s.p99Ms)).toEqual([200, 700, 100, null]);
    expect(samples.map((s) => s.final)).toEqual([0, 0, 2, 3]);
    expect(samples.map((s) => s.backlog)).toEqual([1, 2, 1, 0]);
  });
});

describe('chart helpers', () => {
  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(169)).toBe(200);
    expect(niceMax(1000)).toBe(1000);
    expect(niceMax(1001)).toBe(2000);
  });

  it('averages windows and keeps gaps as gaps', () => {
    expect(smooth([1, 3, null, null, 5], 2)).toEqual([2, null, 5]);
    expect(smooth([1, 2], 1)).toEqual([1, 2]);
  });
});

describe('replayChartSvg', () => {
  it('draws one panel per figure, each with its line', () => {
    const samples = replaySamples(
      Array.from({ length: 50 }, (_, i) => ({
        dueSecond: i / 10,
        answeredSecond: i / 10 + 0.05,
        accepted: true,
        latencyMs: 50,
      })),
      [{ second: 6, final: 50 }],
      6,
    );
    const svg = replayChartSvg('a <test> run', samples);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &lt;test&gt; run');
    for (const title of ['Uploads per second', 'Acceptance p99', 'Backlog', 'Reports final']) {
      expect(svg).toContain(title);
    }
    // offered, accepted, p99, backlog, final: five lines.
    expect(svg.match(/<path /g)?.length).toBe(5);
  });
});
