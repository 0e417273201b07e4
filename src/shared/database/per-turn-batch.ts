import DataLoader from 'dataloader';

/** Answers a batch of calls: one value or Error per call, in the calls' order. */
export type BatchRun<K, V> = (calls: readonly K[]) => Promise<readonly (V | Error)[]>;

/** At most this many calls share one statement; more start another batch. */
export const MAX_BATCH = 200;

/**
 * Gathers the calls that concurrent requests make during one turn of the event loop into one
 * run, usually one statement. On deadline day hundreds of requests reach the same look-up
 * together; one statement for all of them costs the process a single socket write and reply
 * (each write to the database costs the event loop tens of microseconds on a virtual machine)
 * and the database one round of parsing and one commit. A call made alone waits only until the
 * end of the current turn.
 *
 * No result is cached across turns: every call sees the database as it is when its batch runs.
 */
export function perTurnBatch<K, V>(
  run: BatchRun<K, V>,
  maxBatch = MAX_BATCH,
): (call: K) => Promise<V> {
  const loader = new DataLoader<K, V, K>(run, {
    cache: false,
    maxBatchSize: maxBatch,
    // After the poll phase: every request whose I/O arrived in this turn has made its call.
    batchScheduleFn: (callback) => setImmediate(callback),
  });
  return (call) => loader.load(call);
}

/** `(?, ?), (?, ?)`: placeholders for `rows` tuples of `width` values. */
export function tuplePlaceholders(rows: number, width: number): string {
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => tuple).join(', ');
}
