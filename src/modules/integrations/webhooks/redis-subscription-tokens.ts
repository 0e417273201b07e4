import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { redisConfig } from '../../../config/configuration';
import { connectRedis } from '../../../config/redis-connection';
import { SubscriptionTokens } from './subscription-tokens';

const KEY = 'webhook-subscriptions';
// A token lives a day; then a look-up mints a new one (one reload per process a day).
const TOKEN_TTL_S = 24 * 60 * 60;

/** {@link SubscriptionTokens} on REDIS_URL, under the deployment's key prefix. */
@Injectable()
export class RedisSubscriptionTokens extends SubscriptionTokens implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>) {
    super();
    // Give up after one reconnection while Redis is away: the look-up then reads MySQL. Look-ups
    // made in the same tick (a burst of uploads) share one round trip.
    this.redis = connectRedis(config, {
      lazyConnect: true,
      enableAutoPipelining: true,
      keyPrefix: config.keyPrefix,
      maxRetriesPerRequest: 1,
    });
    // Failures reach the callers of get and set; the connection itself reconnects.
    this.redis.on('error', () => undefined);
  }

  get(): Promise<string | null> {
    return this.redis.get(KEY);
  }

  async set(token: string, onlyIfAbsent: boolean): Promise<boolean> {
    const stored = onlyIfAbsent
      ? await this.redis.set(KEY, token, 'EX', TOKEN_TTL_S, 'NX')
      : await this.redis.set(KEY, token, 'EX', TOKEN_TTL_S);
    return stored === 'OK';
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') {
      await this.redis.quit();
    } else {
      this.redis.disconnect();
    }
  }
}
