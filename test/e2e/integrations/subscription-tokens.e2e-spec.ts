import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisSubscriptionTokens } from '../../../src/modules/integrations/webhooks/redis-subscription-tokens';
import { freePort } from '../../support/app-process';

describe('RedisSubscriptionTokens', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const keyPrefix = `kabinet:e2e-${randomUUID()}:`;
  const tokens = new RedisSubscriptionTokens({
    url,
    sentinels: [],
    sentinelName: 'kabinet',
    keyPrefix,
  });
  const raw = new Redis(url);

  afterAll(async () => {
    await tokens.onApplicationShutdown();
    await raw.quit();
  });

  it('should keep the token under the deployment prefix, for a day', async () => {
    expect(await tokens.get()).toBeNull();

    expect(await tokens.set('t1', false)).toBe(true);

    expect(await tokens.get()).toBe('t1');
    expect(await raw.get(`${keyPrefix}webhook-subscriptions`)).toBe('t1');
    const ttl = await raw.ttl(`${keyPrefix}webhook-subscriptions`);
    expect(ttl).toBeGreaterThan(24 * 60 * 60 - 10);
    expect(ttl).toBeLessThanOrEqual(24 * 60 * 60);
    const other = new RedisSubscriptionTokens({
      url,
      sentinels: [],
      sentinelName: 'kabinet',
      keyPrefix: `kabinet:e2e-${randomUUID()}:`,
    });
    try {
      expect(await other.get()).toBeNull();
    } finally {
      await other.onApplicationShutdown();
    }
  });

  it('should mint only when there is no token, and replace it on a change', async () => {
    await tokens.set('t2', false);

    expect(await tokens.set('minted', true)).toBe(false);
    expect(await tokens.get()).toBe('t2');
    expect(await tokens.set('t3', false)).toBe(true);
    expect(await tokens.get()).toBe('t3');

    await raw.del(`${keyPrefix}webhook-subscriptions`);
    expect(await tokens.set('minted', true)).toBe(true);
    expect(await tokens.get()).toBe('minted');
  });

  it('should fail soon, not hang, when Redis does not answer', async () => {
    const away = new RedisSubscriptionTokens({
      url: `redis://127.0.0.1:${await freePort()}`,
      sentinels: [],
      sentinelName: 'kabinet',
      keyPrefix,
    });
    try {
      const started = Date.now();
      await expect(away.get()).rejects.toThrow();
      await expect(away.set('t', false)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await away.onApplicationShutdown();
    }
  });
});
