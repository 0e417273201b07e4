import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import { SignatureChallengeEntity } from '../entities/signature-challenge.entity';

/** The only ORM user of `signature_challenges`. */
@Injectable()
export class SignatureChallengeRepository {
  async insert(em: EntityManager, challenge: SignatureChallengeEntity): Promise<void> {
    await em.insert(SignatureChallengeEntity, challenge);
  }

  findById(em: EntityManager, id: string): Promise<SignatureChallengeEntity | null> {
    return em.findOneBy(SignatureChallengeEntity, { id });
  }

  /** Spends an unused, unexpired challenge; false when another call got it first or it expired. */
  async markUsed(em: EntityManager, id: string, now: Date): Promise<boolean> {
    const result = await em.update(
      SignatureChallengeEntity,
      { id, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { usedAt: now },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Deletes at most `limit` challenges expired before `before`. */
  async deleteExpired(em: EntityManager, before: Date, limit: number): Promise<void> {
    const rows = await em.find(SignatureChallengeEntity, {
      select: { id: true },
      where: { expiresAt: LessThan(before) },
      take: limit,
    });
    if (rows.length > 0) {
      await em.delete(
        SignatureChallengeEntity,
        rows.map((row) => row.id),
      );
    }
  }
}
