import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisClients } from '../../../core/redis/index';

/**
 * Short-lived secrets handed to a client once (OIDC states, account-link tokens, the phone codes
 * of a declined link) and what the server keeps with them, in Redis (the process's `commands`
 * connection, prefixed with the deployment's key prefix). A secret
 * never rests anywhere: values are stored under `<namespace>:<sha256(secret)>` with a TTL, and
 * {@link take} reads and deletes in one GETDEL, so a secret works once even when two requests
 * race with it.
 */
@Injectable()
export class SingleUseTokenStore {
  private readonly redis: Redis;

  constructor(clients: RedisClients) {
    this.redis = clients.get('commands');
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
}

function key(namespace: string, secret: string): string {
  return `${namespace}:${createHash('sha256').update(secret).digest('hex')}`;
}

function parse<T>(raw: string | null): T | null {
  return raw ? (JSON.parse(raw) as T) : null;
}
