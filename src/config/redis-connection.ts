import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';

/** Where Kabinet's Redis is: one address, or a Sentinel-monitored primary. */
export interface RedisTarget {
  /** `redis://[:password@]host:port[/db]`; with Sentinels, only its password and db are used. */
  url: string;
  /** `host:port` of each Sentinel; empty for a single Redis. */
  sentinels: { host: string; port: number }[];
  /** The primary's name the Sentinels monitor. */
  sentinelName: string;
}

/** Parses `REDIS_SENTINELS` (`host:port,host:port`); throws on a malformed entry. */
export function parseSentinels(raw: string | undefined): { host: string; port: number }[] {
  if (!raw?.trim()) {
    return [];
  }
  return raw.split(',').map((entry) => {
    const match = /^\s*\[?([^\]\s]+?)\]?:(\d{1,5})\s*$/.exec(entry);
    if (!match || Number(match[2]) > 65535) {
      throw new Error(`REDIS_SENTINELS: "${entry.trim()}" is not host:port`);
    }
    return { host: match[1], port: Number(match[2]) };
  });
}

/**
 * The ioredis options that reach the target. With Sentinels, ioredis asks them for the current
 * primary at every (re)connection, so a promoted replica is found after a failover; the password
 * and database of `url` still apply to the data nodes.
 */
export function redisOptions(target: RedisTarget, extra: RedisOptions = {}): RedisOptions {
  const url = new URL(target.url);
  const auth: RedisOptions = {
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
  };
  if (target.sentinels.length === 0) {
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 6379,
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
      ...auth,
      ...extra,
    };
  }
  return {
    sentinels: target.sentinels,
    name: target.sentinelName,
    role: 'master',
    // No `failoverDetector`: a promotion it reports while the client is still reconnecting
    // ends the client for good (ioredis 5.11 ends a client whose connector fails mid-connect;
    // seen in the cluster fault replay). A killed or demoted primary closes its connections, which
    // is what the client reconnects on.
    ...auth,
    ...extra,
  };
}

/**
 * A client of Kabinet's Redis (single node or Sentinel), with the caller's options. Connection
 * errors are logged once per distinct message while they repeat (the client keeps reconnecting),
 * not printed by ioredis as unhandled.
 */
export function connectRedis(target: RedisTarget, extra: RedisOptions = {}): Redis {
  const client = new Redis(redisOptions(target, extra));
  const logger = new Logger('Redis');
  let last = '';
  client.on('error', (error: Error) => {
    if (error.message !== last) {
      last = error.message;
      logger.warn(`${error.message} (reconnecting)`);
    }
  });
  client.on('ready', () => {
    last = '';
  });
  return client;
}
