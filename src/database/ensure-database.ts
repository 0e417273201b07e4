import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from './database-url';

/** Thrown when MySQL cannot be reached; its message is one line fit for an operator. */
export class DatabaseUnreachableError extends Error {}

/**
 * Creates the database named in DATABASE_URL when it is missing (the TypeORM CLI and
 * migrationsRun both need it to exist). Fails fast with host and port when MySQL is down.
 */
export async function ensureDatabase(url: string, timeoutMs = 10_000): Promise<void> {
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  let connection;
  try {
    connection = await createConnection({
      host,
      port,
      user: username,
      password,
      connectTimeout: timeoutMs,
    });
  } catch (error) {
    const reason =
      error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error);
    throw new DatabaseUnreachableError(`Cannot connect to MySQL at ${host}:${port} (${reason})`);
  }
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}
