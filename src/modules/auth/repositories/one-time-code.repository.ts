import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import { OneTimeCodeEntity, OneTimeCodePurpose } from '../entities/one-time-code.entity';

/** The only ORM user of `one_time_codes`. */
@Injectable()
export class OneTimeCodeRepository {
  /** Ends the account's unused codes of a purpose (a new code replaces them). */
  async supersede(
    em: EntityManager,
    userId: string,
    purpose: OneTimeCodePurpose,
    now: Date,
  ): Promise<void> {
    await em.update(OneTimeCodeEntity, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
  }

  async insert(em: EntityManager, code: OneTimeCodeEntity): Promise<void> {
    await em.insert(OneTimeCodeEntity, code);
  }

  /** The newest unused, unexpired code of the account for the purpose. */
  findActive(
    em: EntityManager,
    userId: string,
    purpose: OneTimeCodePurpose,
    now: Date,
  ): Promise<OneTimeCodeEntity | null> {
    return em.findOne(OneTimeCodeEntity, {
      where: { userId, purpose, usedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC' },
    });
  }

  /** Counts one check; false when the attempts are spent or the code is used (atomic). */
  async takeAttempt(em: EntityManager, id: string, maxAttempts: number): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(OneTimeCodeEntity)
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :max AND used_at IS NULL', { id, max: maxAttempts })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Marks the code used; false when a concurrent request used it first. */
  async markUsed(em: EntityManager, id: string, now: Date): Promise<boolean> {
    const result = await em.update(OneTimeCodeEntity, { id, usedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) > 0;
  }

  async deleteForUser(em: EntityManager, userId: string): Promise<void> {
    await em.delete(OneTimeCodeEntity, { userId });
  }

  async deleteExpired(em: EntityManager, before: Date): Promise<number> {
    const result = await em.delete(OneTimeCodeEntity, { expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
