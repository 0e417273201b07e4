import { DataSourceOptions } from 'typeorm';
import { parseDatabaseUrl } from './database-url';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/** TypeORM options shared by the app, the CLI (ormconfig.ts) and the e2e setup. */
export function buildDataSourceOptions(url: string): DataSourceOptions {
  const { host, port, username, password, database } = parseDatabaseUrl(url);
  return {
    type: 'mariadb',
    host,
    port,
    username,
    password,
    database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // trace: false spares mysql2 a captured stack trace per query; TypeORM's QueryFailedError
    // carries the caller's stack anyway.
    extra: { connectionLimit: 20, connectTimeout: 10_000, trace: false },
  };
}
