import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { CounterStore, WindowCount } from './counter-store';

type ThrottlerStorageRecord = Omit<ThrottlerLimitDetail, 'ttl' | 'limit' | 'key' | 'tracker'>;

// One round trip, atomic: count the hit, start the window when the key is new (or has somehow
// lost its expiry, which would otherwise make the counter eternal), and, when a limit is given,
// block for ARGV[3] ms once over it.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local limit = tonumber(ARGV[2])
local blocked = 0
if limit > 0 then
  blocked = redis.call('PTTL', KEYS[2])
  if blocked <= 0 and hits > limit then
    redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
    blocked = tonumber(ARGV[3])
  end
end
return { hits, ttl, blocked }
`;

const HIT_COMMAND = 'kabinetHit';
type HitScript = (...args: string[]) => Promise<unknown>;

/**
 * The one rate limiter: fixed-window counters in Redis, shared by every instance. It serves both
 * the operation throttler (`@nestjs/throttler`'s storage: per caller, IP, organization) and the
 * attempt counters of abuse-prone actions ({@link CounterStore}: sign-in, codes).
 */
export class RedisRateLimiter extends CounterStore implements ThrottlerStorage {
  private readonly script: HitScript;

  constructor(private readonly redis: Redis) {
    super();
    // Sent as EVALSHA (ioredis loads the script once on NOSCRIPT): every request runs it once per
    // throttler, and EVAL would ship and hash the whole script each time.
    redis.defineCommand(HIT_COMMAND, { numberOfKeys: 2, lua: HIT });
    this.script = (redis as unknown as Record<typeof HIT_COMMAND, HitScript>)[HIT_COMMAND].bind(
      redis,
    );
  }

  async increment(key: string, windowMs: number): Promise<WindowCount>;
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord>;
  async increment(
    key: string,
    ttl: number,
    limit?: number,
    blockDuration?: number,
    throttlerName?: string,
  ): Promise<WindowCount | ThrottlerStorageRecord> {
    if (limit === undefined || throttlerName === undefined) {
      const [count, resetInMs] = (await this.script(key, key, String(ttl), '0', '0')) as [
        number,
        number,
        number,
      ];
      return { count, resetInMs };
    }
    const base = `throttle:${throttlerName}:${key}`;
    const block = blockDuration !== undefined && blockDuration > 0 ? blockDuration : ttl;
    const [hits, ttlMs, blockedMs] = (await this.script(
      `${base}:hits`,
      `${base}:blocked`,
      String(ttl),
      String(limit),
      String(block),
    )) as [number, number, number];
    const isBlocked = blockedMs > 0;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockedMs / 1000) : 0,
    };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
