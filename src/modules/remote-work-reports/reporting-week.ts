import { isIsoDate } from '../../shared/graphql/date.scalar';

// Europe/Moscow has been UTC+3 all year round since 2014 (no daylight saving time), so Moscow
// dates and the deadline are plain offsets from UTC; no time-zone database is needed.
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
// The deadline is Monday 23:59:59 Moscow time; a receipt anywhere within that last second counts.
const LAST_SECOND_MS = 1000;
const ISO_INSTANT_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function utcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function toDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in Moscow. */
export function moscowDate(instant: Date): string {
  return toDate(instant.getTime() + MOSCOW_OFFSET_MS);
}

/** Whether a `YYYY-MM-DD` string is a real date and a Monday. */
export function isMonday(date: string): boolean {
  return isIsoDate(date) && new Date(utcMidnight(date)).getUTCDay() === 1;
}

/** The reporting week by default: the nearest Monday on or after today in Moscow. */
export function defaultReportingWeek(now: Date): string {
  const today = moscowDate(now);
  const daysToMonday = (8 - new Date(utcMidnight(today)).getUTCDay()) % 7;
  return toDate(utcMidnight(today) + daysToMonday * DAY_MS);
}

/** The regular deadline of a week: its Monday, 23:59:59 Moscow time. */
export function regularDeadline(week: string): Date {
  return new Date(utcMidnight(week) + DAY_MS - LAST_SECOND_MS - MOSCOW_OFFSET_MS);
}

/** Whether a report received at `submittedAt` met `deadline` (its whole last second included). */
export function isOnTime(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() < deadline.getTime() + LAST_SECOND_MS;
}

/** The days a week's report covers as a reader sees them: «23.11.2026–29.11.2026». */
export function weekLabel(week: string): string {
  const format = (ms: number) => {
    const [y, m, d] = toDate(ms).split('-');
    return `${d}.${m}.${y}`;
  };
  return `${format(utcMidnight(week))}–${format(utcMidnight(week) + 6 * DAY_MS)}`;
}

/** Parses an ISO 8601 instant that names its offset (`Z` or `±hh:mm`); null otherwise. */
export function parseInstantWithOffset(value: string): Date | null {
  if (!ISO_INSTANT_WITH_OFFSET.test(value)) {
    return null;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** An instant as a Moscow reader sees it: «30.11.2026 23:59». */
export function moscowDateTime(instant: Date): string {
  const iso = new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString();
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y} ${iso.slice(11, 16)}`;
}

/**
 * The week whose deadline reminders are due at `now`: on a Thursday or Friday (Moscow), from
 * `fromHour` o'clock Moscow time on, the coming Monday's week; null on any other day or hour.
 */
export function reminderWeek(now: Date, fromHour: number): string | null {
  const moscow = new Date(now.getTime() + MOSCOW_OFFSET_MS);
  const weekday = moscow.getUTCDay();
  if ((weekday !== 4 && weekday !== 5) || moscow.getUTCHours() < fromHour) {
    return null;
  }
  return defaultReportingWeek(now);
}
