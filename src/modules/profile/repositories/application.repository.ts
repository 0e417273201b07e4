import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { applyKeyset } from '../../../shared/database/keyset';
import { ApplicationEntity } from '../entities/application.entity';

/** The only ORM user of `applications`. */
@Injectable()
export class ApplicationRepository {
  findBySourceId(em: EntityManager, sourceId: string): Promise<ApplicationEntity | null> {
    return em.findOneBy(ApplicationEntity, { sourceId });
  }

  findPageByUser(
    em: EntityManager,
    userId: string,
    first: number,
    after?: string,
  ): Promise<ApplicationEntity[]> {
    const qb = em
      .createQueryBuilder(ApplicationEntity, 'a')
      .where('a.user_id = :userId', { userId });
    return applyKeyset(qb, 'a', first, after).getMany();
  }

  countByUser(em: EntityManager, userId: string): Promise<number> {
    return em.countBy(ApplicationEntity, { userId });
  }

  async insert(em: EntityManager, application: ApplicationEntity): Promise<void> {
    await em.insert(ApplicationEntity, application);
  }

  async updateStatusBySource(
    em: EntityManager,
    sourceId: string,
    status: string,
    now: Date,
  ): Promise<void> {
    await em.update(ApplicationEntity, { sourceId }, { status, updatedAt: now });
  }

  async deleteByUserId(em: EntityManager, userId: string): Promise<void> {
    await em.delete(ApplicationEntity, { userId });
  }
}
