import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';

type ThrottlerStorageRecord = Omit<ThrottlerLimitDetail, 'ttl' | 'limit' | 'key' | 'tracker'>;
import Redis from 'ioredis';

// One round trip: count the hit, start the window on the first hit, block once over the limit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }
`;

const THROTTLE_COMMAND = 'kabinetThrottle';
type ThrottleScript = (...args: string[]) => Promise<unknown>;

/**
 * Throttler counters in Redis, shared by every API instance (the in-memory default would give
 * each instance its own allowance).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly script: ThrottleScript;

  constructor(private readonly redis: Redis) {
    // Sent as EVALSHA (ioredis loads the script once on NOSCRIPT): every request runs it once per
    // throttler, and EVAL would ship and hash the whole script each time.
    redis.defineCommand(THROTTLE_COMMAND, { numberOfKeys: 2, lua: INCREMENT });
    this.script = (redis as unknown as Record<typeof THROTTLE_COMMAND, ThrottleScript>)[
      THROTTLE_COMMAND
    ].bind(redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `throttle:${throttlerName}:${key}`;
    const [hits, ttlMs, blockedMs] = (await this.script(
      `${base}:hits`,
      `${base}:blocked`,
      String(ttl),
      String(limit),
      String(blockDuration > 0 ? blockDuration : ttl),
    )) as [number, number, number];
    const isBlocked = blockedMs > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockedMs / 1000) : 0,
    };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
