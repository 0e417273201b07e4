import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, LessThan } from 'typeorm';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

/** The only ORM user of `refresh_tokens`. */
@Injectable()
export class RefreshTokenRepository {
  async insert(em: EntityManager, token: RefreshTokenEntity): Promise<void> {
    await em.insert(RefreshTokenEntity, token);
  }

  findByHash(em: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return em.findOneBy(RefreshTokenEntity, { tokenHash });
  }

  /** Marks the token used; false when it already was (a concurrent or repeated refresh). */
  async markUsed(em: EntityManager, id: string, now: Date): Promise<boolean> {
    const result = await em.update(RefreshTokenEntity, { id, usedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) > 0;
  }

  /** Forgets used tokens older than a refresh token could live: reuse of those is moot. */
  async pruneUsed(em: EntityManager, sessionId: string, usedBefore: Date): Promise<void> {
    // NULL (unused) never compares less than a date, so the current token stays.
    await em.delete(RefreshTokenEntity, { sessionId, usedAt: LessThan(usedBefore) });
  }
}
