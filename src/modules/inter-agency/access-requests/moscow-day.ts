// Digests follow the portal's users' calendar: Moscow time, UTC+3 all year (no DST since 2014).
const MOSCOW_OFFSET_MS = 3 * 60 * 60_000;

/** The Moscow date of an instant, `YYYY-MM-DD`. */
export function moscowDay(at: Date): string {
  return new Date(at.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}
