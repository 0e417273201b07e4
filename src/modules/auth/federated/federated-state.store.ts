import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisClients } from '../../../shared/redis';

/** What the server keeps between `federatedLoginStart` and `completeFederatedLogin`. */
export interface PendingFederatedLogin {
  /** The redirect URI the authorization request named; the code is redeemed for it only. */
  redirectUri: string;
  codeVerifier: string;
  nonce: string;
  /**
   * SHA-256 (hex) of the `clientBinding` secret `federatedLoginStart` returned to the client that
   * started the sign-in; absent on states stored before bindings existed.
   */
  bindingHash?: string;
}

/** How long a started federated sign-in may take to come back. */
export const FEDERATED_STATE_TTL_SECONDS = 600;

/**
 * Pending federated sign-ins in Redis, keyed by a hash of `state` (the state itself never rests
 * anywhere), with a TTL. {@link take} reads and deletes in one GETDEL, so a state works once even
 * when two requests race with it.
 */
@Injectable()
export class FederatedStateStore {
  private readonly redis: Redis;

  constructor(redis: RedisClients) {
    this.redis = redis.get('commands');
  }

  async put(state: string, pending: PendingFederatedLogin): Promise<void> {
    await this.redis.set(key(state), JSON.stringify(pending), 'EX', FEDERATED_STATE_TTL_SECONDS);
  }

  /** The pending sign-in of this state, left in place (null when unknown or expired). */
  async peek(state: string): Promise<PendingFederatedLogin | null> {
    const raw = await this.redis.get(key(state));
    return raw ? (JSON.parse(raw) as PendingFederatedLogin) : null;
  }

  /** The pending sign-in of this state, removed; null when unknown, expired or already taken. */
  async take(state: string): Promise<PendingFederatedLogin | null> {
    const raw = await this.redis.getdel(key(state));
    return raw ? (JSON.parse(raw) as PendingFederatedLogin) : null;
  }
}

function key(state: string): string {
  return `oidc:state:${createHash('sha256').update(state).digest('hex')}`;
}
