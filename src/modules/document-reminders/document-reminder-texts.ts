/** The day a UTC instant falls on in Moscow (UTC+3 all year since 2014), `YYYY-MM-DD`. */
export function moscowDate(at: Date): string {
  return new Date(at.getTime() + 3 * 3600 * 1000).toISOString().slice(0, 10);
}

/** `date` (`YYYY-MM-DD`) plus whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `17.05.2026`. */
export function russianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** «1 день», «3 дня», «30 дней». */
export function russianDays(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word =
    mod10 === 1 && mod100 !== 11
      ? 'день'
      : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)
        ? 'дня'
        : 'дней';
  return `${n} ${word}`;
}

/** The notice of a passport to replace at `age` by `validUntil`, `daysLeft` days ahead. */
export function passportReminderText(
  validUntil: string,
  age: number,
  daysLeft: number,
): { title: string; body: string } {
  return {
    title: `Замените паспорт до ${russianDate(validUntil)}`,
    body:
      `В ${age} лет паспорт гражданина России нужно заменить. Срок — ${russianDate(validUntil)}, ` +
      `осталось ${russianDays(daysLeft)}. Заявление можно подать заранее на портале или в МФЦ.`,
  };
}

/** The notice of a driver licence that ends on `validUntil` (printed expiry), `daysLeft` days ahead. */
export function driverLicenseReminderText(
  validUntil: string,
  daysLeft: number,
): { title: string; body: string } {
  return {
    title: `Водительское удостоверение действует до ${russianDate(validUntil)}`,
    body:
      `Срок действия водительского удостоверения — 10 лет, ваше действует до ${russianDate(validUntil)}, ` +
      `осталось ${russianDays(daysLeft)}. Заменить его можно заранее в Госавтоинспекции или в МФЦ.`,
  };
}
