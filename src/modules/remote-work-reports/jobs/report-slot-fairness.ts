/**
 * Fair sharing of parser slots between organizations: the pure decisions, unit-tested.
 *
 * An organization may hold at most {@link fairShare} of all parser slots (of every worker) while
 * another organization has a report waiting; alone it may hold them all.
 */

/** Slots one organization may hold while others wait: half of all slots, at least one. */
export function fairShare(totalSlots: number): number {
  return Math.max(1, Math.floor(totalSlots / 2));
}

/**
 * Whether a job just picked must give its slot back (be put off for a moment) instead of being
 * parsed. `held` counts the organization's jobs in flight including this one.
 */
export function mustDefer(held: number, share: number, othersWaiting: boolean): boolean {
  return othersWaiting && held > share;
}
