import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonRegistryEntity } from '../entities/person-registry.entity';

/** The only ORM user of `person_registry` (REGISTRY_DRIVER=table). */
@Injectable()
export class PersonRegistryRepository {
  findBySnils(em: EntityManager, snils: string): Promise<PersonRegistryEntity | null> {
    return em.findOneBy(PersonRegistryEntity, { snils });
  }

  findByPassport(
    em: EntityManager,
    passportSeries: string,
    passportNumber: string,
  ): Promise<PersonRegistryEntity | null> {
    return em.findOneBy(PersonRegistryEntity, { passportSeries, passportNumber });
  }

  insert(em: EntityManager, person: PersonRegistryEntity): Promise<unknown> {
    return em.insert(PersonRegistryEntity, person);
  }

  update(
    em: EntityManager,
    id: string,
    changes: Omit<PersonRegistryEntity, 'id'>,
  ): Promise<unknown> {
    return em.update(PersonRegistryEntity, { id }, changes);
  }
}
