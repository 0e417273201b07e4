import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import { ensureDatabase } from '../../../src/database/ensure-database';

/**
 * One database per test run: `kabinet_test_<random>` on the server of DATABASE_URL (default: the
 * local MariaDB), created and migrated with the real migrations once, dropped by the teardown.
 */
export default async function globalSetup(): Promise<void> {
  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet');
  const name = `kabinet_test_${randomBytes(4).toString('hex')}`;
  if (!name.includes('test')) {
    throw new Error('Refusing to run e2e tests against a database without "test" in its name');
  }
  base.pathname = `/${name}`;
  const url = base.toString();
  process.env.DATABASE_URL = url;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'warn';
  // Every test client comes from 127.0.0.1; the limits themselves are tested with low values.
  process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
  process.env.STORAGE_DIR ??= `var/test-storage/${name}`;
  await ensureDatabase(url);
  const dataSource = new DataSource(buildDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
