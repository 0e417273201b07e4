import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import Redis, { RedisOptions } from 'ioredis';
import { redisConfig } from '../../config/configuration';

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
 * Bull opens its own connections (three per queue) from REDIS_URL.
 */
export type RedisClientName = 'commands' | 'limits' | 'health' | 'publisher' | 'subscriber';

type RedisSettings = Pick<ConfigType<typeof redisConfig>, 'url' | 'keyPrefix'>;

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
      client = new Redis(this.config.url, optionsOf(name, this.config.keyPrefix));
      // Failures reach the callers of each command; the connection itself reconnects.
      client.on('error', () => undefined);
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
