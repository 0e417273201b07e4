import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { normalizeSecurityAnswer } from './security-answer';

/**
 * argon2id for passwords and security answers. Verifying against a missing account still runs
 * one argon2 verification (of a throwaway hash), so "no such login" takes as long as "wrong
 * password" and timing does not reveal which accounts exist.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(secret: string): Promise<string> {
    return argon2.hash(secret, { type: argon2.argon2id });
  }

  /** Whether the secret matches; with no hash (no account) it spends the same time and says no. */
  async verify(hash: string | null | undefined, secret: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash(randomBytes(16).toString('hex'));
      await argon2.verify(await this.dummyHash, secret).catch(() => false);
      return false;
    }
    try {
      return await argon2.verify(hash, secret);
    } catch {
      return false;
    }
  }

  hashSecurityAnswer(answer: string): Promise<string> {
    return this.hash(normalizeSecurityAnswer(answer));
  }

  verifySecurityAnswer(hash: string | null | undefined, answer: string): Promise<boolean> {
    return this.verify(hash, normalizeSecurityAnswer(answer));
  }
}
