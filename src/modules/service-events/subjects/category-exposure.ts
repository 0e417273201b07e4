import { NotificationCategory } from '../graphql/notification-category.enum';

/**
 * Whether a category's events are about a person (PERSONAL: they reach a person only through a
 * VERIFIED link, and only if they occurred at or after the link's verifiedAt) or public,
 * non-personal notices about a place (PUBLIC: any link to the identifier, proven or not).
 * Exhaustive: a new category does not compile until it is placed, and the safe default is
 * PERSONAL.
 */
export const CATEGORY_EXPOSURE: Record<NotificationCategory, 'PERSONAL' | 'PUBLIC'> = {
  // Fines and tow-aways: where a person's car was and what they owe.
  TRAFFIC_FINES: 'PERSONAL',
  VEHICLE_EVACUATION: 'PERSONAL',
  // Health: special-category data under 152-FZ art. 10.
  VACCINATION: 'PERSONAL',
  // School: a child's grades and results.
  EXAM_RESULTS: 'PERSONAL',
  CHILD_PERFORMANCE: 'PERSONAL',
  OLYMPIAD_RESULTS: 'PERSONAL',
  // Bills: a household's meter readings and amounts due.
  ELECTRICITY_METER: 'PERSONAL',
  // A shut-off is announced for the whole building: nothing in it is about one person.
  HOT_WATER_SHUTOFF: 'PUBLIC',
  // Emergency shut-offs are announced for a building too (sent at once, even at night).
  UTILITY_EMERGENCY: 'PUBLIC',
  // Vaccination days and registration drives announced for an address (never a pet's record:
  // those would need a proven link, and an address is never proven).
  PETS: 'PUBLIC',
  // Never accepted from service events; personal should they ever be.
  DOCUMENTS: 'PERSONAL',
  ORGANIZATIONS: 'PERSONAL',
  REPORTS: 'PERSONAL',
};

/** Public events reach any link; personal ones only links proven by the time they occurred. */
export type EventScope = { personal: false } | { personal: true; occurredAt: Date };

/** The matching scope of an event of that category that occurred then. */
export function scopeOf(category: string, occurredAt: Date): EventScope {
  return CATEGORY_EXPOSURE[category as NotificationCategory] === 'PUBLIC'
    ? { personal: false }
    : { personal: true, occurredAt };
}

/** The categories whose events reach unproven links. */
export const PUBLIC_CATEGORIES = (Object.keys(CATEGORY_EXPOSURE) as NotificationCategory[]).filter(
  (c) => CATEGORY_EXPOSURE[c] === 'PUBLIC',
);
