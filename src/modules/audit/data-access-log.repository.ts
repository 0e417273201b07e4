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
}
