// Quiet hours are kept and compared in Moscow time: the city's residents live there, and Moscow
// has had no daylight-saving change since 2014 (UTC+3 all year).
export const QUIET_HOURS_TIME_ZONE = 'Europe/Moscow';
const MOSCOW_OFFSET_MINUTES = 180;
const DAY_MINUTES = 24 * 60;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A daily window in minutes after Moscow midnight; `from > to` wraps past midnight. */
export interface QuietWindow {
  fromMinute: number;
  toMinute: number;
}

/** `HH:MM` → minutes after midnight; null when malformed. */
export function parseMinute(text: string): number | null {
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Minutes after midnight → `HH:MM`. */
export function formatMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** `HH:MM-HH:MM` or `off` (the env default); throws on anything else. */
export function parseWindow(text: string): QuietWindow | null {
  if (text === 'off') {
    return null;
  }
  const [from, to] = text.split('-').map(parseMinute);
  if (from === null || to === null || from === undefined || to === undefined || from === to) {
    throw new Error(`quiet hours "${text}": expected HH:MM-HH:MM (two different times) or off`);
  }
  return { fromMinute: from, toMinute: to };
}

/**
 * When the window holding `now` ends (copies held until then are sent at that time), or null
 * when `now` is outside it (or there is no window).
 */
export function quietUntil(now: Date, window: QuietWindow | null): Date | null {
  if (!window) {
    return null;
  }
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  const local = (Math.floor(minuteStart / 60_000) + MOSCOW_OFFSET_MINUTES) % DAY_MINUTES;
  const { fromMinute, toMinute } = window;
  const inside =
    fromMinute < toMinute
      ? local >= fromMinute && local < toMinute
      : local >= fromMinute || local < toMinute;
  if (!inside) {
    return null;
  }
  const minutesLeft = (toMinute - local + DAY_MINUTES) % DAY_MINUTES;
  return new Date(minuteStart + minutesLeft * 60_000);
}
