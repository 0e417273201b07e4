import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisClients } from '../../../shared/redis';
import type { ClientInfo } from '../client-info.decorator';

/** How long the holder has to prove or decline the matched account. */
export const ACCOUNT_LINK_TTL_SECONDS = 600;
/** Wrong passwords or codes per link token; then the token is gone. */
export const ACCOUNT_LINK_MAX_ATTEMPTS = 5;

/** A sign-in waiting for the holder of the matched account to prove it or decline it. */
export interface PendingAccountLink {
  /** Which flow started it: its completion is registered under this name. */
  kind: string;
  /** The existing account the identity matched. */
  userId: string;
  /** What the flow needs to finish (claims, certificate subject…), JSON-safe. */
  data: Record<string, unknown>;
}

interface StoredLink extends PendingAccountLink {
  clientHash: string;
}

/**
 * Link tokens in Redis: 256 random bits given to the client once, stored under their SHA-256 for
 * 10 minutes with a hash of the client (IP and User-Agent) that got them. Presented by another
 * client they are refused; {@link take} deletes in one GETDEL, so each works once.
 */
@Injectable()
export class AccountLinkStore {
  private readonly redis: Redis;

  constructor(redis: RedisClients) {
    this.redis = redis.get('commands');
  }

  async put(link: PendingAccountLink, client: ClientInfo): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const stored: StoredLink = { ...link, clientHash: clientHash(client) };
    await this.redis.set(key(token), JSON.stringify(stored), 'EX', ACCOUNT_LINK_TTL_SECONDS);
    return token;
  }

  /** The pending link, left in place; null when unknown, expired, used or another client's. */
  async peek(token: string, client: ClientInfo): Promise<PendingAccountLink | null> {
    return this.read(await this.redis.get(key(token)), client);
  }

  /** The pending link, removed (single use); null as for {@link peek}. */
  async take(token: string, client: ClientInfo): Promise<PendingAccountLink | null> {
    const raw = await this.redis.get(key(token));
    if (!this.read(raw, client)) {
      return null;
    }
    return this.read(await this.redis.getdel(key(token)), client);
  }

  /** Counts a failed proof; at the limit the token is deleted. */
  async countFailure(token: string): Promise<void> {
    const attempts = `${key(token)}:failures`;
    const count = await this.redis.incr(attempts);
    await this.redis.expire(attempts, ACCOUNT_LINK_TTL_SECONDS);
    if (count >= ACCOUNT_LINK_MAX_ATTEMPTS) {
      await this.redis.del(key(token));
    }
  }

  private read(raw: string | null, client: ClientInfo): PendingAccountLink | null {
    if (!raw) {
      return null;
    }
    const stored = JSON.parse(raw) as StoredLink;
    if (stored.clientHash !== clientHash(client)) {
      return null;
    }
    return { kind: stored.kind, userId: stored.userId, data: stored.data };
  }
}

function key(token: string): string {
  return `acctlink:${createHash('sha256').update(token).digest('hex')}`;
}

function clientHash(client: ClientInfo): string {
  return createHash('sha256')
    .update(`${client.ip ?? ''}\n${client.userAgent ?? ''}`)
    .digest('hex');
}
