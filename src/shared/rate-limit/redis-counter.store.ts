import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { redisConfig } from '../../config/configuration';
import { connectRedis } from '../../config/redis-connection';
import { CounterStore, WindowCount } from './counter-store';

// One round trip, atomic: count the hit and start the window when the key is new (or has somehow
// lost its expiry, which would otherwise make the counter eternal).
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/** {@link CounterStore} on REDIS_URL, so every API instance shares the same allowance. */
@Injectable()
export class RedisCounterStore extends CounterStore implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>) {
    super();
    // Fail fast rather than queue commands while Redis is away: a sign-in then fails with an
    // internal error instead of hanging, and limits are never silently skipped.
    this.redis = connectRedis(config, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      keyPrefix: config.keyPrefix,
    });
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, key, String(windowMs))) as [number, number];
    return { count, resetInMs: ttl };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end' && this.redis.status !== 'wait') {
      await this.redis.quit();
    } else {
      this.redis.disconnect();
    }
  }
}
