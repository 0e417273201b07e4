import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { authConfig } from '../../../config/configuration';
import { SignatureChallengeEntity } from '../entities/signature-challenge.entity';
import { SignatureChallenge } from '../graphql/signature-challenge.type';
import { OrganizationErrorCode, OrganizationException } from '../organizations.exception';
import { SignatureChallengeRepository } from '../repositories/signature-challenge.repository';

// Expired challenges are deleted a batch at a time whenever a new one is made, so the table
// stays small without a scheduled job.
const PURGE_BATCH = 100;
// Kept a while after expiry so a late attempt is told CHALLENGE_EXPIRED, not "unknown".
const PURGE_AFTER_MS = 3600 * 1000;

/** Single-use nonces for qualified e-signature sign-in. */
@Injectable()
export class SignatureChallengeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: SignatureChallengeRepository,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async create(now = new Date()): Promise<SignatureChallenge> {
    const em = this.dataSource.manager;
    const challenge: SignatureChallengeEntity = Object.assign(new SignatureChallengeEntity(), {
      id: randomUUID(),
      // 256 random bits; the prefix tells a signing tool's user what they are signing.
      nonce: `kabinet-login:${randomBytes(32).toString('base64url')}`,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.signatureChallengeTtlSeconds * 1000),
      usedAt: null,
    });
    await this.challenges.insert(em, challenge);
    await this.challenges.deleteExpired(em, new Date(now.getTime() - PURGE_AFTER_MS), PURGE_BATCH);
    return Object.assign(new SignatureChallenge(), {
      id: challenge.id,
      nonce: challenge.nonce,
      expiresAt: challenge.expiresAt,
    });
  }

  /**
   * Spends the challenge and returns its nonce. The conditional UPDATE commits on its own before
   * the signature is checked: a challenge is used up by any attempt, and of two racing attempts
   * only one gets it.
   */
  async consume(id: string, now = new Date()): Promise<string> {
    const em = this.dataSource.manager;
    if (await this.challenges.markUsed(em, id, now)) {
      const spent = await this.challenges.findById(em, id);
      if (spent) {
        return spent.nonce;
      }
    }
    const challenge = await this.challenges.findById(em, id);
    throw OrganizationException.signInRefused(
      challenge?.usedAt
        ? OrganizationErrorCode.CHALLENGE_USED
        : OrganizationErrorCode.CHALLENGE_EXPIRED,
    );
  }
}
