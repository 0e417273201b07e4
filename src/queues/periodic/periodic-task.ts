import { SetMetadata } from '@nestjs/common';

/** How often a periodic task runs; the name is its identity across instances (one run per period). */
export interface PeriodicTaskOptions {
  /** Unique, kebab-case: `notification-copy-sweep`. */
  name: string;
  everyMs: number;
}

/** Metadata key the periodic-task runner discovers providers by. */
export const PERIODIC_TASK = Symbol('PERIODIC_TASK');

/**
 * Work that runs every `everyMs` on exactly one instance of the deployment, whatever the number of
 * worker processes. The class implements {@link PeriodicWork}; the runner calls `run` with the
 * current time, and tests call it directly with the time they control.
 */
export const PeriodicTask = (options: PeriodicTaskOptions): ClassDecorator =>
  SetMetadata(PERIODIC_TASK, options);

/** A provider decorated with {@link PeriodicTask}. */
export interface PeriodicWork {
  run(now: Date): Promise<unknown>;
  /** The period when it comes from configuration; overrides the decorator's `everyMs`. */
  periodMs?(): number;
}
