/** MySQL's and MariaDB's ER_DUP_ENTRY: a statement met a unique key. */
export const ER_DUP_ENTRY = 1062;

interface DriverError {
  errno?: number;
  sqlMessage?: string;
  message?: string;
}

/**
 * Whether a statement failed on a unique key: the database settles races between requests.
 * With `key`, only when that index refused it (its name appears in the server's message). Takes
 * TypeORM's QueryFailedError (the driver's error under `driverError`) and mysql2's own error alike.
 */
export function isDuplicateKey(error: unknown, key?: string): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const wrapped = error as DriverError & { driverError?: DriverError };
  const driver = wrapped.driverError ?? wrapped;
  if (driver.errno !== ER_DUP_ENTRY) {
    return false;
  }
  return key === undefined || (driver.sqlMessage ?? driver.message ?? '').includes(key);
}
