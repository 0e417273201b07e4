import { QueryFailedError } from 'typeorm';

const ER_DUP_ENTRY = 1062;

/** Whether an insert failed on a unique key (the database settles races between requests). */
export function isDuplicateKey(error: unknown): boolean {
  const driver = (error as { driverError?: { errno?: number } }).driverError;
  return error instanceof QueryFailedError && driver?.errno === ER_DUP_ENTRY;
}
