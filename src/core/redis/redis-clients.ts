import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { redisConfig } from '../../config/configuration';
import { connectRedis } from '../../config/redis-connection';

/**
 * The named Redis connections of a process. Each name is one connection with the options its
 * users need; users of the same name share it.
 * - `commands`: short keys of the domain (sign-in state, link tokens), prefixed. Fails a command
 *   after two reconnection attempts rather than queueing it while Redis is away, so a request
 *   fails with an internal error instead of hanging.
 * - `limits`: rate-limit counters, prefixed, auto-pipelined: the throttler asks its three
 *   counters in the same tick, so they share one write and one reply read.
 * - `health`: readiness probes, unprefixed; a probe gives up after one retry.
 * - `publisher` / `subscriber`: GraphQL subscriptions' pub/sub (a subscribed connection cannot
 *   send other commands), unprefixed, never give up on a command.
 * Each reaches REDIS_URL, or the primary the Sentinels name (REDIS_SENTINELS) and follows a
 * failover. Bull opens its own connections (three per queue) from the same target.
 */
export type RedisClientName = 'commands' | 'limits' | 'health' | 'publisher' | 'subscriber';

type RedisSettings = ConfigType<typeof redisConfig>;

function optionsOf(name: RedisClientName, keyPrefix: string): RedisOptions {
  switch (name) {
    case 'commands':
      return { lazyConnect: true, maxRetriesPerRequest: 2, keyPrefix };
    case 'limits':
      return { lazyConnect: true, maxRetriesPerRequest: 2, keyPrefix, enableAutoPipelining: true };
    case 'health':
      return { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 };
    case 'publisher':
    case 'subscriber':
      return { maxRetriesPerRequest: null, lazyConnect: false };
  }
}

/** One Redis connection per name, opened on first use and closed with the application. */
@Injectable()
export class RedisClients implements OnApplicationShutdown {
  private readonly clients = new Map<RedisClientName, Redis>();

  constructor(@Inject(redisConfig.KEY) private readonly config: RedisSettings) {}

  /** The connection named `name`, opened now if it is the first use. */
  get(name: RedisClientName): Redis {
    let client = this.clients.get(name);
    if (client === undefined) {
      // Failures reach the callers of each command; the connection itself reconnects (its
      // errors are logged once per distinct message).
      client = connectRedis(this.config, optionsOf(name, this.config.keyPrefix));
      this.clients.set(name, client);
    }
    return client;
  }

  /** Closes every connection opened so far. */
  async close(): Promise<void> {
    const open = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(
      open.map(async (client) => {
        if (client.status === 'ready') {
          await client.quit().catch(() => client.disconnect());
        } else {
          client.disconnect();
        }
      }),
    );
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
