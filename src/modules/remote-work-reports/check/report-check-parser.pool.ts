import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ReportParserPool } from '../jobs/report-parser.pool';
import type { ReportParserPoolOptions } from '../jobs/report-parser.pool';

/** Injection token of the check pool's {@link ReportCheckParserPoolOptions}. */
export const REPORT_CHECK_PARSER_OPTIONS = Symbol('REPORT_CHECK_PARSER_OPTIONS');

export interface ReportCheckParserPoolOptions extends ReportParserPoolOptions {
  /** Start a child when the application has booted (see {@link warmsCheckPoolOnBoot}). */
  warmOnBoot: boolean;
}

/**
 * Whether a process starts its check parser child at boot: a process that serves the API
 * (`api`, `all`) does, so the first check after a start does not pay the child's start-up
 * (about 1.5 s, most of the 2 s a 5 000-row check may take); a worker never answers a check.
 * Tests boot the app dozens of times and check files in a few specs only: no child for them.
 */
export function warmsCheckPoolOnBoot(role: string, nodeEnv: string): boolean {
  return role !== 'worker' && nodeEnv !== 'test';
}

/**
 * The parser children of `checkRemoteWorkReport`: the very child the worker runs (same heap
 * limit, same per-parse timeout, same package inspection), in a pool of its own in the API
 * process, so a check never waits behind the deadline-day queue and a queued report never waits
 * behind checks.
 */
@Injectable()
export class ReportCheckParserPool extends ReportParserPool implements OnApplicationBootstrap {
  private readonly warmOnBoot: boolean;

  constructor(@Inject(REPORT_CHECK_PARSER_OPTIONS) options: ReportCheckParserPoolOptions) {
    super(options);
    this.warmOnBoot = options.warmOnBoot;
  }

  // Not awaited: the child loads in its own process while the app opens its port.
  onApplicationBootstrap(): void {
    if (this.warmOnBoot) {
      void this.warm();
    }
  }
}
