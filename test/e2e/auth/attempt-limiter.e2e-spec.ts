import { randomUUID } from 'node:crypto';
import { AttemptLimiter } from '../../../src/core/rate-limit/attempt-limiter.service';
import { RedisRateLimiter } from '../../../src/core/rate-limit/redis-rate-limiter';
import { RedisClients } from '../../../src/core/redis/index';

// The Redis side of the limiter, against the machine's Redis: windows, expiry, atomicity.
describe('AttemptLimiter on Redis', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new RedisClients({
    url,
    sentinels: [],
    sentinelName: 'kabinet',
    keyPrefix: `kabinet:e2e-${randomUUID()}:`,
  });
  const limiter = new AttemptLimiter(new RedisRateLimiter(redis.get('limits')));

  afterAll(async () => {
    await redis.close();
  });

  it('should keep the counters of two databases apart on one Redis', async () => {
    const other = new RedisClients({
      url,
      sentinels: [],
      sentinelName: 'kabinet',
      keyPrefix: `kabinet:e2e-${randomUUID()}:`,
    });
    try {
      const limit = { name: `e2e:${randomUUID()}`, max: 1, windowSeconds: 60 };
      await limiter.hit(limit, 'subject');
      expect((await limiter.hit(limit, 'subject')).allowed).toBe(false);
      expect(
        (await new AttemptLimiter(new RedisRateLimiter(other.get('limits'))).hit(limit, 'subject'))
          .allowed,
      ).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('should allow max attempts per window, then refuse until the window ends', async () => {
    const limit = { name: `e2e:${randomUUID()}`, max: 3, windowSeconds: 1 };
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await limiter.hit(limit, 'subject'));
    }
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes[3].retryAfterSeconds).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await limiter.hit(limit, 'subject')).toMatchObject({ allowed: true, count: 1 });
  });

  it('should count concurrent attempts exactly once each', async () => {
    const limit = { name: `e2e:${randomUUID()}`, max: 10, windowSeconds: 60 };
    const outcomes = await Promise.all(
      Array.from({ length: 25 }, () => limiter.hit(limit, 'subject')),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
    expect(new Set(outcomes.map((o) => o.count)).size).toBe(25);
  });

  it('should start afresh after reset and keep subjects apart', async () => {
    const limit = { name: `e2e:${randomUUID()}`, max: 1, windowSeconds: 60 };
    await limiter.hit(limit, 'a');
    expect((await limiter.hit(limit, 'a')).allowed).toBe(false);
    expect((await limiter.hit(limit, 'b')).allowed).toBe(true);
    await limiter.reset(limit, 'a');
    expect((await limiter.hit(limit, 'a')).allowed).toBe(true);
  });
});
