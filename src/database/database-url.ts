/** Connection settings parsed from a `mysql://user:password@host:port/database` URL. */
export interface DatabaseUrlParts {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/** Parses DATABASE_URL; the database name is required and limited to safe characters. */
export function parseDatabaseUrl(url: string): DatabaseUrlParts {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new Error(
      `DATABASE_URL must name a database of letters, digits and _ (got "${database}")`,
    );
  }
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    username: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database,
  };
}
