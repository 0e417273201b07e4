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

  /** Inserts or replaces by SNILS, else by passport (the import's upsert key). */
  async upsert(em: EntityManager, person: PersonRegistryEntity): Promise<void> {
    const existing =
      (person.snils ? await this.findBySnils(em, person.snils) : null) ??
      (person.passportSeries && person.passportNumber
        ? await this.findByPassport(em, person.passportSeries, person.passportNumber)
        : null);
    if (existing) {
      const { id: _id, ...rest } = person;
      await em.update(PersonRegistryEntity, { id: existing.id }, rest);
    } else {
      await em.insert(PersonRegistryEntity, person);
    }
  }
}
