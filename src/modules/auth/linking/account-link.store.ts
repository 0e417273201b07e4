import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '../client-info.decorator';
import { SingleUseTokenStore } from '../tokens/single-use-token.store';

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

/** A code sent to the phone a declined link's new account is to get (flows without a phone). */
export interface NewAccountPhoneCode {
  phone: string;
  /** Binds the code's hash to this one code. */
  codeId: string;
  /** HMAC of the code (CodeSigner), bound to the purpose, the link token and the code id. */
  codeHash: string;
}

interface StoredLink extends PendingAccountLink {
  clientHash: string;
}

const LINKS = 'acctlink';
const PHONE_CODES = 'acctlink:phone';

/**
 * Link tokens: 256 random bits given to the client once, kept in the single-use token store for
 * 10 minutes with a hash of the client (IP and User-Agent) that got them. Presented by another
 * client they are refused; {@link take} deletes in one GETDEL, so each works once.
 */
@Injectable()
export class AccountLinkStore {
  constructor(private readonly tokens: SingleUseTokenStore) {}

  async put(link: PendingAccountLink, client: ClientInfo): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const stored: StoredLink = { ...link, clientHash: clientHash(client) };
    await this.tokens.put(LINKS, token, stored, ACCOUNT_LINK_TTL_SECONDS);
    return token;
  }

  /** The pending link, left in place; null when unknown, expired, used or another client's. */
  async peek(token: string, client: ClientInfo): Promise<PendingAccountLink | null> {
    return read(await this.tokens.peek<StoredLink>(LINKS, token), client);
  }

  /** The pending link, removed (single use); null as for {@link peek}. */
  async take(token: string, client: ClientInfo): Promise<PendingAccountLink | null> {
    // Another client's token is refused without being spent.
    if (!(await this.peek(token, client))) {
      return null;
    }
    const taken = read(await this.tokens.take<StoredLink>(LINKS, token), client);
    if (taken) {
      await this.tokens.delete(PHONE_CODES, token);
    }
    return taken;
  }

  /** Counts a failed proof; at the limit the token is deleted. */
  async countFailure(token: string): Promise<void> {
    const count = await this.tokens.count(LINKS, token, ACCOUNT_LINK_TTL_SECONDS);
    if (count >= ACCOUNT_LINK_MAX_ATTEMPTS) {
      await this.tokens.delete(LINKS, token);
    }
  }

  /** Keeps the latest phone code of the token (an earlier one stops working). */
  async putPhoneCode(token: string, code: NewAccountPhoneCode, ttlSeconds: number): Promise<void> {
    await this.tokens.delete(PHONE_CODES, token);
    await this.tokens.put(PHONE_CODES, token, code, ttlSeconds);
  }

  /**
   * The token's phone code with one more check counted (atomically, before comparing); null
   * when there is none or its checks are spent.
   */
  async phoneCodeForCheck(token: string, maxChecks: number): Promise<NewAccountPhoneCode | null> {
    const code = await this.tokens.peek<NewAccountPhoneCode>(PHONE_CODES, token);
    if (!code) {
      return null;
    }
    const checks = await this.tokens.count(PHONE_CODES, token, ACCOUNT_LINK_TTL_SECONDS);
    return checks <= maxChecks ? code : null;
  }

  /** Uses the phone code up (a right code works once). */
  async spendPhoneCode(token: string): Promise<boolean> {
    return (await this.tokens.take<NewAccountPhoneCode>(PHONE_CODES, token)) !== null;
  }
}

function read(stored: StoredLink | null, client: ClientInfo): PendingAccountLink | null {
  if (!stored || stored.clientHash !== clientHash(client)) {
    return null;
  }
  return { kind: stored.kind, userId: stored.userId, data: stored.data };
}

function clientHash(client: ClientInfo): string {
  return createHash('sha256')
    .update(`${client.ip ?? ''}\n${client.userAgent ?? ''}`)
    .digest('hex');
}
