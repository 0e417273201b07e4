// The reporting week replayed by `npm run bench:replay`, generated from public figures of the
// autumn 2020 Moscow service: about 180 000 employers reported about 1.2 million remote
// employees a week (mean about 7 rows per report, median about 3), with a long tail of large
// employers, most of them on the last Monday before the 23:59 deadline. Everything here is pure
// and seeded, so one seed and fraction always give the same week.

/** What a generated upload contains, and so how it must end. */
export type UploadKind = 'valid' | 'bad-rows' | 'unreadable';

export interface PlannedUpload {
  index: number;
  /** Employee rows in the workbook (before truncation for unreadable files). */
  rows: number;
  kind: UploadKind;
  /** Seconds from the start of the replay. */
  at: number;
}

export interface WeekOptions {
  /** Share of the full week (180 000 uploads) to generate. */
  fraction: number;
  /** Length of the replayed Monday curve in seconds. */
  durationSeconds: number;
  seed: number;
}

export const FULL_WEEK_UPLOADS = 180_000;
export const MAX_ROWS = 60_000;
export const BAD_ROWS_SHARE = 0.05;
export const UNREADABLE_SHARE = 0.01;

// Large employers of a full week: sizes 60 000 / k for k = 1…20 (a Zipf tail, ~216 000 rows).
const TAIL_EMPLOYERS = 20;
// The rest: a log-normal body with median 3 and σ chosen so the whole week's mean is about 7
// (body mean ≈ 5.8 rows plus the tail's 1.2 rows per upload).
const BODY_MEDIAN = 3;
const BODY_SIGMA = 1.15;
const BODY_MAX = 5_000;

/**
 * Uploads per hour of the last Monday (0–23 h Moscow time), relative weights. An assumption
 * drawn from how deadline days go (a morning rise, a working-day plateau, a late-evening rush
 * before 23:59), not a measured curve; the peak hour carries about 1.7 times the mean rate.
 */
export const MONDAY_CURVE = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 3, 3, 2.5, 2.8, 3, 3, 2.8, 2.6, 2.4, 2.2, 2.2,
  2.5, 3, 2.5,
];

/** A small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Rows per upload: the log-normal body plus the Zipf tail, shuffled. */
export function uploadSizes(count: number, fraction: number, random: () => number): number[] {
  const tail = Math.min(count, Math.round(TAIL_EMPLOYERS * fraction));
  const sizes: number[] = [];
  for (let k = 1; k <= tail; k++) {
    sizes.push(Math.round(MAX_ROWS / k));
  }
  while (sizes.length < count) {
    const x = BODY_MEDIAN * Math.exp(BODY_SIGMA * normal(random));
    sizes.push(Math.min(BODY_MAX, Math.max(1, Math.round(x))));
  }
  shuffle(sizes, random);
  return sizes;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Send times (seconds, ascending) following {@link MONDAY_CURVE} compressed into `duration`. */
export function arrivalTimes(count: number, duration: number, random: () => number): number[] {
  const total = MONDAY_CURVE.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of MONDAY_CURVE) {
    sum += w / total;
    cumulative.push(sum);
  }
  const hour = duration / MONDAY_CURVE.length;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = random();
    let h = cumulative.findIndex((c) => u <= c);
    if (h < 0) {
      h = MONDAY_CURVE.length - 1;
    }
    times.push((h + random()) * hour);
  }
  return times.sort((a, b) => a - b);
}

/** The generated week: sizes, defects and send times of every upload. */
export function planWeek(options: WeekOptions): PlannedUpload[] {
  const count = Math.max(1, Math.round(FULL_WEEK_UPLOADS * options.fraction));
  const random = prng(options.seed);
  const sizes = uploadSizes(count, options.fraction, random);
  const times = arrivalTimes(count, options.durationSeconds, random);
  const unreadable = Math.round(count * UNREADABLE_SHARE);
  const bad = Math.round(count * BAD_ROWS_SHARE);
  const kinds: UploadKind[] = sizes.map((_, i) =>
    i < unreadable ? 'unreadable' : i < unreadable + bad ? 'bad-rows' : 'valid',
  );
  shuffle(kinds, random);
  return sizes.map((rows, index) => ({
    index,
    // A file with bad rows keeps at least one good row, so it ends PARTIALLY_ACCEPTED.
    rows: kinds[index] === 'bad-rows' ? Math.max(2, rows) : rows,
    kind: kinds[index],
    at: times[index],
  }));
}

/** Rows of a bad-rows file that carry an invalid phone: about one in ten, at least one. */
export function badRowCount(rows: number): number {
  return Math.max(1, Math.min(rows - 1, Math.floor(rows / 10)));
}

/** The final status each kind of upload must reach. */
export function expectedStatus(kind: UploadKind): string {
  switch (kind) {
    case 'valid':
      return 'ACCEPTED';
    case 'bad-rows':
      return 'PARTIALLY_ACCEPTED';
    case 'unreadable':
      return 'REJECTED';
  }
}

/** The q-quantile (0…1) of the values, nearest rank; NaN for none. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
