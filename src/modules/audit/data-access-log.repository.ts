import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { applyKeyset } from '../../shared/database/keyset';
import { DataAccessRecordEntity } from './entities/data-access-record.entity';

/** The only ORM user of `data_access_log`: inserts, pages, and the purge of a deleted account. */
@Injectable()
export class DataAccessLogRepository {
  async insert(em: EntityManager, record: DataAccessRecordEntity): Promise<void> {
    await em.insert(DataAccessRecordEntity, record);
  }

  findPageBySubject(
    em: EntityManager,
    subjectUserId: string,
    first: number,
    after?: string,
  ): Promise<DataAccessRecordEntity[]> {
    const qb = em
      .createQueryBuilder(DataAccessRecordEntity, 'r')
      .where('r.subject_user_id = :subjectUserId', { subjectUserId });
    return applyKeyset(qb, 'r', first, after).getMany();
  }

  countBySubject(em: EntityManager, subjectUserId: string): Promise<number> {
    return em.countBy(DataAccessRecordEntity, { subjectUserId });
  }

  async deleteBySubject(em: EntityManager, subjectUserId: string): Promise<void> {
    await em.delete(DataAccessRecordEntity, { subjectUserId });
  }

  /**
   * Replaces a deleted account's name in other people's records where it acted: an
   * organization member's «<organization>, сотрудник <name>» keeps the organization; any other
   * label becomes the neutral label whole. The account id goes too.
   */
  async relabelActor(em: EntityManager, actorId: string, neutral: string): Promise<void> {
    await em.query(
      `UPDATE data_access_log
          SET actor_label = IF(LOCATE(?, actor_label) > 0,
                               CONCAT(SUBSTRING(actor_label, 1, LOCATE(?, actor_label) - 1), ?),
                               ?),
              actor_id = NULL
        WHERE actor_id = ? AND subject_user_id <> ?`,
      [MEMBER_MARK, MEMBER_MARK, `, ${neutral}`, neutral, actorId, actorId],
    );
  }
}

// How organizations label a member's access («ООО «Ромашка», сотрудник Иванов И. И.»).
const MEMBER_MARK = ', сотрудник ';
