import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { OneTimeCodeEntity, OneTimeCodePurpose } from '../entities/one-time-code.entity';
import { OneTimeCodeRepository } from '../repositories/one-time-code.repository';
import { CodeSigner } from './code-signer.service';
import { CODE_MAX_ATTEMPTS, generateCode } from './one-time-code';

// Compared against when there is no code, so a check costs the same either way.
const NO_HASH = '0'.repeat(64);

/** Login and password-reset codes of accounts: issue, then check (5 attempts, OTP_TTL_SECONDS). */
@Injectable()
export class OneTimeCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly codes: OneTimeCodeRepository,
    private readonly signer: CodeSigner,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** A new code for the account; earlier unused ones of the same purpose stop working. */
  async issue(userId: string, purpose: OneTimeCodePurpose, destination: string): Promise<string> {
    const now = new Date();
    const code = generateCode();
    const id = randomUUID();
    const row: OneTimeCodeEntity = Object.assign(new OneTimeCodeEntity(), {
      id,
      purpose,
      destination,
      userId,
      codeHash: this.signer.hash(context(purpose, userId, id), code),
      attempts: 0,
      expiresAt: new Date(now.getTime() + this.config.otpTtlSeconds * 1000),
      usedAt: null,
      createdAt: now,
    });
    await this.tx.run(async (em) => {
      await this.codes.supersede(em, userId, purpose, now);
      await this.codes.insert(em, row);
    });
    return code;
  }

  /**
   * Checks a code and uses it up when right. Each check counts, whatever its result: after
   * {@link CODE_MAX_ATTEMPTS} the code is refused even when right. With no account, says no.
   */
  async verify(userId: string | null, purpose: OneTimeCodePurpose, code: string): Promise<boolean> {
    return (await this.take(userId, purpose, code)) !== null;
  }

  /** Like {@link verify}, but answers where the used code was sent (null when refused). */
  async take(
    userId: string | null,
    purpose: OneTimeCodePurpose,
    code: string,
  ): Promise<string | null> {
    const em = this.dataSource.manager;
    const now = new Date();
    const row = userId ? await this.codes.findActive(em, userId, purpose, now) : null;
    if (!row || !userId) {
      this.signer.matches('none', code, NO_HASH);
      return null;
    }
    // Counted before comparing, atomically, so parallel guesses can't exceed the allowance.
    if (!(await this.codes.takeAttempt(em, row.id, CODE_MAX_ATTEMPTS))) {
      return null;
    }
    if (!this.signer.matches(context(purpose, userId, row.id), code, row.codeHash)) {
      return null;
    }
    return (await this.codes.markUsed(em, row.id, now)) ? row.destination : null;
  }
}

function context(purpose: OneTimeCodePurpose, userId: string, codeId: string): string {
  return `${purpose}:${userId}:${codeId}`;
}
