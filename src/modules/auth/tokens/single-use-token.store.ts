import { createHash } from 'node:crypto';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type Redis from 'ioredis';
import { redisConfig } from '../../../config/configuration';
import { connectRedis } from '../../../config/redis-connection';

/**
 * Short-lived secrets handed to a client once (OIDC states, account-link tokens, the phone codes
 * of a declined link) and what the server keeps with them, in Redis over one connection. A secret
 * never rests anywhere: values are stored under `<namespace>:<sha256(secret)>` with a TTL, and
 * {@link take} reads and deletes in one GETDEL, so a secret works once even when two requests
 * race with it.
 */
@Injectable()
export class SingleUseTokenStore implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(redisConfig.KEY) config: ConfigType<typeof redisConfig>) {
    this.redis = connectRedis(config, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      keyPrefix: config.keyPrefix,
    });
  }

  async put(namespace: string, secret: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(key(namespace, secret), JSON.stringify(value), 'EX', ttlSeconds);
  }

  /** The value kept with the secret, left in place (null when unknown, expired or taken). */
  async peek<T>(namespace: string, secret: string): Promise<T | null> {
    return parse<T>(await this.redis.get(key(namespace, secret)));
  }

  /** The value kept with the secret, removed; null when unknown, expired or already taken. */
  async take<T>(namespace: string, secret: string): Promise<T | null> {
    return parse<T>(await this.redis.getdel(key(namespace, secret)));
  }

  /** Counts one more use of the secret (failed proofs, code checks); the count expires with it. */
  async count(namespace: string, secret: string, ttlSeconds: number): Promise<number> {
    const counter = `${key(namespace, secret)}:count`;
    const replies = await this.redis.multi().incr(counter).expire(counter, ttlSeconds).exec();
    const [error, value] = replies?.[0] ?? [new Error('the counter transaction was discarded')];
    if (error) {
      throw error;
    }
    return Number(value);
  }

  /** Forgets the secret and its count. */
  async delete(namespace: string, secret: string): Promise<void> {
    const stored = key(namespace, secret);
    await this.redis.del(stored, `${stored}:count`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end' && this.redis.status !== 'wait') {
      await this.redis.quit();
    } else {
      this.redis.disconnect();
    }
  }
}

function key(namespace: string, secret: string): string {
  return `${namespace}:${createHash('sha256').update(secret).digest('hex')}`;
}

function parse<T>(raw: string | null): T | null {
  return raw ? (JSON.parse(raw) as T) : null;
}
