import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { IdentityDocumentEntity } from '../entities/identity-document.entity';
import { DocumentKind, VerificationStatus } from '../document.enums';

/** The only ORM user of `identity_documents`. */
@Injectable()
export class IdentityDocumentRepository {
  findById(em: EntityManager, id: string, lock = false): Promise<IdentityDocumentEntity | null> {
    const qb = em.createQueryBuilder(IdentityDocumentEntity, 'd').where('d.id = :id', { id });
    return (lock ? qb.setLock('pessimistic_write') : qb).getOne();
  }

  /** Every document of the users that is the latest of its kind, or in force. */
  findRelevantByUserIds(
    em: EntityManager,
    userIds: readonly string[],
  ): Promise<IdentityDocumentEntity[]> {
    return em
      .createQueryBuilder(IdentityDocumentEntity, 'd')
      .where('d.user_id IN (:...userIds)', { userIds })
      .andWhere(
        `(d.in_force = 1 OR d.submitted_at = (SELECT MAX(x.submitted_at) FROM identity_documents x
           WHERE x.user_id = d.user_id AND x.kind = d.kind))`,
      )
      .getMany();
  }

  findByUserAndKind(
    em: EntityManager,
    userId: string,
    kind: DocumentKind,
  ): Promise<IdentityDocumentEntity[]> {
    return em.find(IdentityDocumentEntity, {
      where: { userId, kind },
      order: { submittedAt: 'DESC' },
    });
  }

  findInForce(em: EntityManager, userId: string): Promise<IdentityDocumentEntity[]> {
    return em.findBy(IdentityDocumentEntity, { userId, inForce: true });
  }

  /** The account whose SNILS (as `123-456-789 64`) is verified and in force. */
  async findUserIdBySnilsInForce(em: EntityManager, snils: string): Promise<string | null> {
    const row = await em.findOne(IdentityDocumentEntity, {
      where: { kind: DocumentKind.SNILS, number: snils, inForce: true },
      select: { userId: true },
    });
    return row?.userId ?? null;
  }

  findExpired(em: EntityManager, now: Date, limit: number): Promise<IdentityDocumentEntity[]> {
    return em.find(IdentityDocumentEntity, {
      where: { status: VerificationStatus.PENDING, checkExpiresAt: LessThanOrEqual(now) },
      take: limit,
    });
  }

  findPending(em: EntityManager, limit: number): Promise<IdentityDocumentEntity[]> {
    return em.find(IdentityDocumentEntity, {
      where: { status: VerificationStatus.PENDING },
      take: limit,
    });
  }

  async insert(em: EntityManager, document: IdentityDocumentEntity): Promise<void> {
    await em.insert(IdentityDocumentEntity, document);
  }

  async save(em: EntityManager, document: IdentityDocumentEntity): Promise<void> {
    const { id, ...rest } = document;
    await em.update(IdentityDocumentEntity, { id }, rest);
  }

  async clearInForce(em: EntityManager, ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await em.update(IdentityDocumentEntity, { id: In(ids) }, { inForce: false });
    }
  }

  async deleteByUserId(em: EntityManager, userId: string): Promise<void> {
    await em.delete(IdentityDocumentEntity, { userId });
  }
}
