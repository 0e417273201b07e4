import { DataSource } from 'typeorm';
import type { PersonRegistryEntity } from '../entities/person-registry.entity';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import {
  PassportCheckRequest,
  PersonData,
  PersonRegistry,
  RegistryVerdict,
  SnilsCheckRequest,
} from './person-registry.port';

// Registries compare names without case, ё/е and extra spaces.
function normalizeName(value: string | null | undefined): string {
  return (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');
}

/** Whether a registry person matches the claimed data (names, patronymic, birth date). */
export function samePerson(person: PersonData, claimed: PersonData): boolean {
  return (
    normalizeName(person.lastName) === normalizeName(claimed.lastName) &&
    normalizeName(person.firstName) === normalizeName(claimed.firstName) &&
    normalizeName(person.middleName) === normalizeName(claimed.middleName) &&
    person.birthDate === claimed.birthDate
  );
}

function verdict(person: PersonRegistryEntity | null, claimed: PersonData): RegistryVerdict {
  if (!person) {
    return 'NOT_FOUND';
  }
  return samePerson(person, claimed) ? 'MATCH' : 'MISMATCH';
}

/** The registry kept in the app's own `person_registry` table (filled by `registry:import`). */
export class TablePersonRegistry extends PersonRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PersonRegistryRepository,
  ) {
    super();
  }

  async checkSnils(request: SnilsCheckRequest): Promise<RegistryVerdict> {
    return verdict(await this.people.findBySnils(this.dataSource.manager, request.snils), request);
  }

  async checkPassport(request: PassportCheckRequest): Promise<RegistryVerdict> {
    const person = await this.people.findByPassport(
      this.dataSource.manager,
      request.series,
      request.number,
    );
    return verdict(person, request);
  }
}
