import { Inject, Injectable } from '@nestjs/common';
import { ReportParserPool } from '../jobs/report-parser.pool';
import type { ReportParserPoolOptions } from '../jobs/report-parser.pool';

/** Injection token of the check pool's {@link ReportParserPoolOptions}. */
export const REPORT_CHECK_PARSER_OPTIONS = Symbol('REPORT_CHECK_PARSER_OPTIONS');

/**
 * The parser children of `checkRemoteWorkReport`: the very child the worker runs (same heap
 * limit, same per-parse timeout, same package inspection), in a pool of its own in the API
 * process, so a check never waits behind the deadline-day queue and a queued report never waits
 * behind checks.
 */
@Injectable()
export class ReportCheckParserPool extends ReportParserPool {
  constructor(@Inject(REPORT_CHECK_PARSER_OPTIONS) options: ReportParserPoolOptions) {
    super(options);
  }
}
