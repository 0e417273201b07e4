import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity';

/** The only ORM user of `organizations`. */
@Injectable()
export class OrganizationRepository {
  findById(em: EntityManager, id: string): Promise<OrganizationEntity | null> {
    return em.findOneBy(OrganizationEntity, { id });
  }

  findManyByIds(em: EntityManager, ids: readonly string[]): Promise<OrganizationEntity[]> {
    return ids.length ? em.findBy(OrganizationEntity, { id: In([...ids]) }) : Promise.resolve([]);
  }

  findByInn(em: EntityManager, inn: string): Promise<OrganizationEntity | null> {
    return em.findOneBy(OrganizationEntity, { inn });
  }

  /** Organizations having this OGRN or this INN (at most two: both are unique). */
  findByOgrnOrInn(em: EntityManager, ogrn: string, inn: string): Promise<OrganizationEntity[]> {
    return em.find(OrganizationEntity, { where: [{ ogrn }, { inn }] });
  }

  async insert(em: EntityManager, organization: OrganizationEntity): Promise<void> {
    await em.insert(OrganizationEntity, organization);
  }
}
