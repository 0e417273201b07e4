/** The state of one counter after a hit: hits so far in its window and when the window ends. */
export interface WindowCount {
  count: number;
  resetInMs: number;
}

/**
 * Fixed-window counters shared by every instance. An abstract class so it serves as the DI token;
 * the Redis implementation is the real one, tests may give an in-memory one.
 */
export abstract class CounterStore {
  /** Counts one hit under `key`; the window of `windowMs` starts with the first hit. */
  abstract increment(key: string, windowMs: number): Promise<WindowCount>;

  /** Forgets the counter (e.g. after a successful sign-in). */
  abstract reset(key: string): Promise<void>;
}
