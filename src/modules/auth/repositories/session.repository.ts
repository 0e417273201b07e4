import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, LessThan, MoreThan, Not } from 'typeorm';
import { SessionEndReason, SessionEntity } from '../entities/session.entity';

/** The only ORM user of `sessions`. */
@Injectable()
export class SessionRepository {
  async insert(em: EntityManager, session: SessionEntity): Promise<void> {
    await em.insert(SessionEntity, session);
  }

  findById(em: EntityManager, id: string): Promise<SessionEntity | null> {
    return em.findOneBy(SessionEntity, { id });
  }

  /** Locks the row for the rest of the transaction (refresh rotation). */
  findByIdForUpdate(em: EntityManager, id: string): Promise<SessionEntity | null> {
    return em.findOne(SessionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Of these sessions, the ones still in force (not ended, not expired, opened after
   * `openedAfter`), with their accounts: by the primary key, one statement for the session
   * checks of every request that arrived together.
   */
  findActive(
    em: EntityManager,
    ids: readonly string[],
    now: Date,
    openedAfter: Date,
  ): Promise<{ id: string; userId: string }[]> {
    return em.query(
      `SELECT id, user_id AS userId FROM sessions
       WHERE id IN (?) AND revoked_at IS NULL AND expires_at > ? AND created_at > ?`,
      [ids, now, openedAfter],
    );
  }

  /** The account's sessions still in force, most recently used first. */
  findActiveByUser(
    em: EntityManager,
    userId: string,
    now: Date,
    openedAfter: Date,
  ): Promise<SessionEntity[]> {
    return em.find(SessionEntity, {
      where: {
        userId,
        revokedAt: IsNull(),
        expiresAt: MoreThan(now),
        createdAt: MoreThan(openedAfter),
      },
      order: { lastUsedAt: 'DESC', id: 'ASC' },
    });
  }

  async touch(
    em: EntityManager,
    id: string,
    changes: Pick<SessionEntity, 'lastUsedAt' | 'expiresAt' | 'ip' | 'userAgent'>,
  ): Promise<void> {
    await em.update(SessionEntity, { id }, changes);
  }

  /** Ends one session; false when it was already ended. */
  async revoke(
    em: EntityManager,
    id: string,
    reason: SessionEndReason,
    now: Date,
  ): Promise<boolean> {
    const result = await em.update(
      SessionEntity,
      { id, revokedAt: IsNull() },
      { revokedAt: now, revokeReason: reason },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Ends every session of the account, except one when given. */
  async revokeAllForUser(
    em: EntityManager,
    userId: string,
    reason: SessionEndReason,
    now: Date,
    exceptId?: string,
  ): Promise<void> {
    await em.update(
      SessionEntity,
      { userId, revokedAt: IsNull(), ...(exceptId ? { id: Not(exceptId) } : {}) },
      { revokedAt: now, revokeReason: reason },
    );
  }

  /** Deletes the account's sessions (their refresh tokens go with them, ON DELETE CASCADE). */
  async deleteForUser(em: EntityManager, userId: string): Promise<void> {
    await em.delete(SessionEntity, { userId });
  }

  /** Deletes sessions that expired, or were ended before `endedBefore`. */
  async deleteEnded(em: EntityManager, now: Date, endedBefore: Date): Promise<number> {
    const result = await em.delete(SessionEntity, [
      { expiresAt: LessThan(now) },
      { revokedAt: LessThan(endedBefore) },
    ]);
    return result.affected ?? 0;
  }
}
