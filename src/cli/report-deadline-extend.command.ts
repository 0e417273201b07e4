import { INestApplicationContext } from '@nestjs/common';
import {
  isMonday,
  parseInstantWithOffset,
  regularDeadline,
  ReportDeadlineService,
} from '../modules/remote-work-reports';
import { CliError } from './cli-error';

/**
 * `report-deadline:extend <week YYYY-MM-DD> <deadline, ISO 8601 with offset>`: moves the deadline
 * of a reporting week (a Monday). Only later than the regular Monday 23:59:59 Moscow time: an
 * earlier one would turn reports already received on time into late ones.
 */
export async function reportDeadlineExtend(
  app: INestApplicationContext,
  args: string[],
): Promise<unknown> {
  const [week, deadlineArg] = args;
  if (!week || !deadlineArg || args.length > 2) {
    throw new CliError(
      'usage: report-deadline:extend <week YYYY-MM-DD> <deadline ISO 8601 with offset>',
    );
  }
  if (!isMonday(week)) {
    throw new CliError(`${week} is not a Monday: a reporting week is named by its deadline Monday`);
  }
  const deadline = parseInstantWithOffset(deadlineArg);
  if (!deadline) {
    throw new CliError(
      `${deadlineArg} is not an ISO 8601 date-time with an offset, e.g. 2026-11-24T23:59:59+03:00`,
    );
  }
  const regular = regularDeadline(week);
  if (deadline.getTime() <= regular.getTime()) {
    throw new CliError(
      `the new deadline must be later than the regular one, ${regular.toISOString()}`,
    );
  }
  await app.get(ReportDeadlineService).extend(week, deadline);
  return { week, deadline: deadline.toISOString(), regularDeadline: regular.toISOString() };
}
