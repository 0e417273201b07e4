// The replay as a picture: one SVG with a panel per figure over the replay's time, so a reader
// sees the Monday peak, the backlog and its drain without reading a number. Plain SVG text, no
// dependency: it renders on GitHub and in any browser.

/** One sample of the replay, `second` seconds after its first upload was due. */
export interface ReplaySample {
  second: number;
  /** Uploads due in this second (the week's curve). */
  offered: number;
  /** Uploads answered with a report in this second. */
  accepted: number;
  /** p99 acceptance latency of the uploads answered in this second, or null when none was. */
  p99Ms: number | null;
  /** Reports accepted so far that are not final yet. */
  backlog: number;
  /** Reports final so far. */
  final: number;
}

interface Series {
  label: string;
  colour: string;
  values: (number | null)[];
}

interface Panel {
  title: string;
  unit: string;
  series: Series[];
}

const WIDTH = 900;
const PANEL_HEIGHT = 150;
const GAP = 46;
const LEFT = 70;
const RIGHT = 20;
const TOP = 40;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

function formatNumber(value: number): string {
  if (value >= 10_000) {
    return `${Math.round(value / 1000)}k`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function formatTime(seconds: number): string {
  return seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds)} s`;
}

/** Averages `values` over windows of `window` samples, so a long replay stays readable. */
export function smooth(values: (number | null)[], window: number): (number | null)[] {
  if (window <= 1) {
    return values;
  }
  const out: (number | null)[] = [];
  for (let from = 0; from < values.length; from += window) {
    const slice = values.slice(from, from + window).filter((v): v is number => v !== null);
    out.push(slice.length ? slice.reduce((a, b) => a + b, 0) / slice.length : null);
  }
  return out;
}

// The p99 of a window is the worst second's, not the mean: a spike must stay visible.
function worst(values: (number | null)[], window: number): (number | null)[] {
  if (window <= 1) {
    return values;
  }
  const out: (number | null)[] = [];
  for (let from = 0; from < values.length; from += window) {
    const slice = values.slice(from, from + window).filter((v): v is number => v !== null);
    out.push(slice.length ? Math.max(...slice) : null);
  }
  return out;
}

function panelSvg(panel: Panel, index: number, secondsPerPoint: number, points: number): string {
  const top = TOP + index * (PANEL_HEIGHT + GAP);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const max = niceMax(
    Math.max(0, ...panel.series.flatMap((s) => s.values.filter((v): v is number => v !== null))),
  );
  const x = (i: number) => LEFT + (points <= 1 ? 0 : (i / (points - 1)) * plotWidth);
  const y = (v: number) => top + PANEL_HEIGHT - (v / max) * PANEL_HEIGHT;
  const parts: string[] = [
    `<text x="${LEFT}" y="${top - 10}" class="title">${escape(panel.title)}</text>`,
    `<rect x="${LEFT}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" class="frame"/>`,
  ];
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    parts.push(
      `<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${(y(value) + 4).toFixed(1)}" class="axis" text-anchor="end">${formatNumber(value)}${fraction === 1 ? ` ${escape(panel.unit)}` : ''}</text>`,
    );
  }
  const totalSeconds = points * secondsPerPoint;
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const px = LEFT + fraction * plotWidth;
    parts.push(
      `<text x="${px.toFixed(1)}" y="${top + PANEL_HEIGHT + 14}" class="axis" text-anchor="middle">${formatTime(fraction * totalSeconds)}</text>`,
    );
  }
  panel.series.forEach((series, s) => {
    // A gap (null) breaks the line rather than drawing it to zero.
    const paths: string[] = [];
    let current = '';
    series.values.forEach((v, i) => {
      if (v === null) {
        if (current) {
          paths.push(current);
        }
        current = '';
        return;
      }
      current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    if (current) {
      paths.push(current);
    }
    for (const d of paths) {
      parts.push(`<path d="${d}" fill="none" stroke="${series.colour}" stroke-width="1.5"/>`);
    }
    const lx = LEFT + plotWidth - 10 - (panel.series.length - 1 - s) * 190;
    parts.push(
      `<line x1="${lx - 150}" x2="${lx - 130}" y1="${top + 12}" y2="${top + 12}" stroke="${series.colour}" stroke-width="3"/>`,
      `<text x="${lx - 125}" y="${top + 16}" class="legend">${escape(series.label)}</text>`,
    );
  });
  return parts.join('\n');
}

/** The SVG of a replay's samples (one per second), with `title` above the panels. */
export function replayChartSvg(title: string, samples: ReplaySample[]): string {
  // At most about 600 points across: a week of seconds is averaged into windows.
  const window = Math.max(1, Math.ceil(samples.length / 600));
  const column = <K extends keyof ReplaySample>(key: K) => samples.map((s) => s[key]);
  const panels: Panel[] = [
    {
      title: 'Uploads per second: offered (the week’s curve) and accepted (answered with a report)',
      unit: '/s',
      series: [
        { label: 'offered', colour: '#888888', values: smooth(column('offered'), window) },
        { label: 'accepted', colour: '#1f77b4', values: smooth(column('accepted'), window) },
      ],
    },
    {
      title: 'Acceptance p99 (from when the upload was due until it was answered)',
      unit: 'ms',
      series: [{ label: 'p99', colour: '#d62728', values: worst(column('p99Ms'), window) }],
    },
    {
      title: 'Backlog: reports accepted and not final yet',
      unit: '',
      series: [{ label: 'backlog', colour: '#ff7f0e', values: smooth(column('backlog'), window) }],
    },
    {
      title: 'Reports final (cumulative)',
      unit: '',
      series: [{ label: 'final', colour: '#2ca02c', values: smooth(column('final'), window) }],
    },
  ];
  const points = Math.ceil(samples.length / window);
  const height = TOP + panels.length * (PANEL_HEIGHT + GAP);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    '<style>.title{font-size:13px;fill:#222}.axis{font-size:11px;fill:#555}.legend{font-size:11px;fill:#222}.frame{fill:#fff;stroke:#bbb}.grid{stroke:#eee}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${LEFT}" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    ...panels.map((panel, i) => panelSvg(panel, i, window, points)),
    '</svg>',
    '',
  ].join('\n');
}

/** Per-second samples from the uploads' times and the sampled count of final reports. */
export function replaySamples(
  uploads: { dueSecond: number; answeredSecond: number; accepted: boolean; latencyMs: number }[],
  finalBySecond: { second: number; final: number }[],
  lastSecond: number,
): ReplaySample[] {
  const length = Math.max(0, Math.floor(lastSecond)) + 1;
  const offered = new Array<number>(length).fill(0);
  const accepted = new Array<number>(length).fill(0);
  const latencies: number[][] = Array.from({ length }, () => []);
  for (const u of uploads) {
    const due = Math.min(length - 1, Math.max(0, Math.floor(u.dueSecond)));
    offered[due] += 1;
    if (u.accepted) {
      const at = Math.min(length - 1, Math.max(0, Math.floor(u.answeredSecond)));
      accepted[at] += 1;
      latencies[at].push(u.latencyMs);
    }
  }
  // The final count is sampled now and then: each second takes the latest sample before it.
  const sorted = [...finalBySecond].sort((a, b) => a.second - b.second);
  const samples: ReplaySample[] = [];
  let acceptedSoFar = 0;
  let next = 0;
  let final = 0;
  for (let second = 0; second < length; second++) {
    acceptedSoFar += accepted[second];
    while (next < sorted.length && sorted[next].second <= second + 1) {
      final = sorted[next].final;
      next++;
    }
    const l = latencies[second].sort((a, b) => a - b);
    samples.push({
      second,
      offered: offered[second],
      accepted: accepted[second],
      p99Ms: l.length ? l[Math.min(l.length - 1, Math.ceil(0.99 * l.length) - 1)] : null,
      backlog: Math.max(0, acceptedSoFar - final),
      final,
    });
  }
  return samples;
}
