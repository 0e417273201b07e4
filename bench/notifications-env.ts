// Imported first by notifications.ts: the benchmark's flags and its own database must be in the
// environment before any Kabinet module reads it (loadEnv caches the environment once).
import { randomBytes } from 'node:crypto';

/** The benchmark's flags. */
export interface NotificationBenchFlags {
  users: number;
  chunk: number;
  timeoutSeconds: number;
}

function parseFlags(argv: string[]): NotificationBenchFlags {
  const flags: NotificationBenchFlags = { users: 10_000, chunk: 1000, timeoutSeconds: 110 };
  const names: Record<string, keyof NotificationBenchFlags> = {
    '--users': 'users',
    '--chunk': 'chunk',
    '--timeout': 'timeoutSeconds',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value <= 0) {
      throw new Error(
        `usage: --users N --chunk N --timeout SECONDS (got ${argv[i]} ${argv[i + 1]})`,
      );
    }
    flags[key] = value;
  }
  return flags;
}

export const BENCH_ARGS = process.argv.slice(2);
export const BENCH_FLAGS = parseFlags(BENCH_ARGS);

const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kabinet');
/** A database of the benchmark's own, dropped at the end. */
export const BENCH_DATABASE = `kabinet_bench_${randomBytes(4).toString('hex')}`;
base.pathname = `/${BENCH_DATABASE}`;
export const BENCH_DATABASE_URL = base.toString();

Object.assign(process.env, {
  NODE_ENV: 'production',
  APP_ROLE: 'all',
  DATABASE_URL: BENCH_DATABASE_URL,
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
  SECRETS_MASTER_KEY: process.env.SECRETS_MASTER_KEY ?? randomBytes(32).toString('hex'),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  NOTIFICATIONS_FANOUT_CHUNK: String(BENCH_FLAGS.chunk),
});
