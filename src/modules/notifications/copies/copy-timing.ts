// A copy's outbox mark is due this long after its notification was made: a live fan-out queues
// its copies and clears their marks within seconds, so a mark still there after this grace means
// the fan-out died between the insert and the enqueue (or between the enqueue and the clear).
export const COPY_STALE_MS = 5 * 60_000;
