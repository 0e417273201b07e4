import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { InterAgencyDigestEntity } from '../entities/inter-agency-digest.entity';
import { InterAgencyNoticeEntity, NoticeDelivery } from '../entities/inter-agency-notice.entity';

/** A notice before it is stored. */
export type NoticeRow = Omit<InterAgencyNoticeEntity, 'id'>;

/** The only ORM user of `inter_agency_notices` and `inter_agency_digests`. */
@Injectable()
export class NoticeRepository {
  async insert(em: EntityManager, row: NoticeRow): Promise<void> {
    await em.insert(InterAgencyNoticeEntity, row);
  }

  /** Notices sent at once for the pair since `since` (the rate limit's window). */
  countImmediate(
    em: EntityManager,
    requesterOrganizationId: string,
    ownerOrganizationId: string,
    since: Date,
  ): Promise<number> {
    return em.countBy(InterAgencyNoticeEntity, {
      requesterOrganizationId,
      ownerOrganizationId,
      delivery: NoticeDelivery.IMMEDIATE,
      createdAt: MoreThan(since),
    });
  }

  /** (organization, day) pairs with notices waiting for a digest of a day before `today`. */
  async findDueDigests(
    em: EntityManager,
    today: string,
    limit: number,
  ): Promise<{ organizationId: string; day: string }[]> {
    const rows = await em
      .createQueryBuilder(InterAgencyNoticeEntity, 'n')
      .select('n.recipient_organization_id', 'organizationId')
      .addSelect("DATE_FORMAT(n.digest_day, '%Y-%m-%d')", 'day')
      .where('n.delivery = :delivery AND n.digested_at IS NULL AND n.digest_day < :today', {
        delivery: NoticeDelivery.DIGEST,
        today,
      })
      .groupBy('n.recipient_organization_id')
      .addGroupBy('n.digest_day')
      .orderBy('n.digest_day', 'ASC')
      .limit(limit)
      .getRawMany<{ organizationId: string; day: string }>();
    return rows;
  }

  /** The day's waiting notices of an organization, locked, oldest first. */
  findWaitingForUpdate(
    em: EntityManager,
    organizationId: string,
    day: string,
  ): Promise<InterAgencyNoticeEntity[]> {
    return em.find(InterAgencyNoticeEntity, {
      where: {
        recipientOrganizationId: organizationId,
        delivery: NoticeDelivery.DIGEST,
        digestedAt: IsNull(),
        digestDay: day,
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Claims the (organization, day) digest; false when it was sent already. */
  async claimDigest(em: EntityManager, row: InterAgencyDigestEntity): Promise<boolean> {
    const result: { affectedRows?: number } = await em.query(
      `INSERT IGNORE INTO inter_agency_digests (organization_id, day, notices, sent_at)
       VALUES (?, ?, ?, ?)`,
      [row.organizationId, row.day, row.notices, row.sentAt],
    );
    return (result.affectedRows ?? 0) > 0;
  }

  async markDigested(em: EntityManager, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length) {
      await em
        .createQueryBuilder()
        .update(InterAgencyNoticeEntity)
        .set({ digestedAt: at })
        .whereInIds([...ids])
        .andWhere('digested_at IS NULL')
        .execute();
    }
  }

  /** Notices that arrived after their day's digest went out move to a later day's digest. */
  async moveToDay(em: EntityManager, ids: readonly string[], day: string): Promise<void> {
    if (ids.length) {
      await em
        .createQueryBuilder()
        .update(InterAgencyNoticeEntity)
        .set({ digestDay: day })
        .whereInIds([...ids])
        .andWhere('digested_at IS NULL')
        .execute();
    }
  }
}
