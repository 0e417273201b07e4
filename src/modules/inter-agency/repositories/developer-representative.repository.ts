import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeveloperRepresentativeEntity } from '../entities/developer-representative.entity';

/** The only ORM user of `developer_representatives`. */
@Injectable()
export class DeveloperRepresentativeRepository {
  async insert(em: EntityManager, row: DeveloperRepresentativeEntity): Promise<void> {
    await em.insert(DeveloperRepresentativeEntity, row);
  }

  findActive(
    em: EntityManager,
    organizationId: string,
    userId: string,
  ): Promise<DeveloperRepresentativeEntity | null> {
    return em.findOneBy(DeveloperRepresentativeEntity, { organizationId, userId, active: 1 });
  }

  findActiveInOrganization(
    em: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<DeveloperRepresentativeEntity | null> {
    return em.findOneBy(DeveloperRepresentativeEntity, { id, organizationId, active: 1 });
  }

  /** The organization's representatives in force, oldest first. */
  findManyActiveByOrganization(
    em: EntityManager,
    organizationId: string,
  ): Promise<DeveloperRepresentativeEntity[]> {
    return em.find(DeveloperRepresentativeEntity, {
      where: { organizationId, active: 1 },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The organizations a person represents now. */
  findManyActiveByUser(
    em: EntityManager,
    userId: string,
  ): Promise<DeveloperRepresentativeEntity[]> {
    return em.find(DeveloperRepresentativeEntity, {
      where: { userId, active: 1 },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Ends an appointment in force; answers whether it was. */
  async revoke(em: EntityManager, id: string, byUserId: string, at: Date): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(DeveloperRepresentativeEntity)
      .set({ active: null, revokedAt: at, revokedByUserId: byUserId })
      .where('id = :id AND active = 1', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Ends every appointment of a person (their account is being deleted); history is kept. */
  async revokeAllOfUser(em: EntityManager, userId: string, at: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update(DeveloperRepresentativeEntity)
      .set({ active: null, revokedAt: at })
      .where('user_id = :userId AND active = 1', { userId })
      .execute();
  }
}
