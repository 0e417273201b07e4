import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { LinkCheckDeadlineEntity } from '../entities/link-check-deadline.entity';

/** The only ORM user of `link_check_deadlines`. */
@Injectable()
export class LinkCheckDeadlineRepository {
  async upsert(em: EntityManager, rows: LinkCheckDeadlineEntity[]): Promise<void> {
    if (rows.length > 0) {
      await em.upsert(LinkCheckDeadlineEntity, rows, ['kind', 'linkId']);
    }
  }

  async delete(em: EntityManager, kind: string, linkId: string): Promise<void> {
    await em.delete(LinkCheckDeadlineEntity, { kind, linkId });
  }

  /** Deadlines passed at `now`, earliest first (`ix_link_check_deadlines_expires_at`). */
  findDue(em: EntityManager, now: Date, limit: number): Promise<LinkCheckDeadlineEntity[]> {
    return em.find(LinkCheckDeadlineEntity, {
      where: { expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
  }
}
