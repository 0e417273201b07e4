/** Ages at which a Russian internal passport must be replaced (Regulation No. 828, item 7). */
export const PASSPORT_REPLACEMENT_AGES = [20, 45] as const;

/** A date a document stops being valid, and why. */
export interface DocumentValidity {
  /**
   * `YYYY-MM-DD`. An age-bound end (a passport): the last day it may be used is the day before.
   * A printed expiry (a driver licence): the printed date, the last day it is valid.
   */
  validUntil: string;
  /** The age that ends it (a passport), or null for a printed expiry date. */
  age: number | null;
}

/**
 * `date` (`YYYY-MM-DD`) plus whole years. A 29 February with no counterpart falls on 28 February,
 * the last day of that month (Civil Code art. 192: a term ending in a month without that day
 * ends on its last day).
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * When an internal passport issued on `issuedAt` to a person born on `birthDate` must be
 * replaced: the 20th birthday for one issued before it, the 45th for one issued before that;
 * a passport issued at 45 or later is valid for life (null).
 */
export function passportValidity(birthDate: string, issuedAt: string): DocumentValidity | null {
  for (const age of PASSPORT_REPLACEMENT_AGES) {
    const birthday = addYears(birthDate, age);
    if (issuedAt < birthday) {
      return { validUntil: birthday, age };
    }
  }
  return null;
}

/** Years a Russian driver licence is valid from its issue date (Federal Law No. 196-FZ, art. 25). */
export const DRIVER_LICENSE_VALID_YEARS = 10;

/**
 * The end of a driver licence issued on `issuedAt`: 10 years on (the date printed in 4b), a
 * printed expiry, so `age` is null. A 29 February issue ends on 28 February.
 */
export function driverLicenseValidity(issuedAt: string): DocumentValidity {
  return { validUntil: addYears(issuedAt, DRIVER_LICENSE_VALID_YEARS), age: null };
}
