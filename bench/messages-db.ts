import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../src/database/database-url';

/** Drops the benchmark's own database (only a `*_bench_messages` one: never real data). */
export async function dropDatabase(url: string): Promise<void> {
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  if (!/_bench_messages$/.test(database)) {
    throw new Error(`refusing to drop ${database}: not a benchmark database`);
  }
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}
