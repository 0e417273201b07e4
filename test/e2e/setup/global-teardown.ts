import { rm } from 'node:fs/promises';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../../src/database/database-url';

/** Drops the run's database (only ever one whose name says test) and its storage directory. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    return;
  }
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  if (!database.startsWith('kabinet_test_')) {
    return;
  }
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
  if (process.env.STORAGE_DIR?.includes('kabinet_test_')) {
    await rm(process.env.STORAGE_DIR, { recursive: true, force: true });
  }
}
