import { DataSource } from 'typeorm';
import type { PersonRegistryEntity } from '../entities/person-registry.entity';
import type { LinkRegistryEntity } from '../entities/link-registry.entity';
import { LinkRegistryRepository } from '../repositories/link-registry.repository';
import { PersonRegistryRepository } from '../repositories/person-registry.repository';
import {
  LinkCheckRequest,
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

/** The identifier a link check looks up, and whether the found row proves the request. */
function linkLookup(request: LinkCheckRequest): {
  identifier: string;
  proves: (row: LinkRegistryEntity) => boolean;
} {
  switch (request.kind) {
    case 'VEHICLE':
      return {
        identifier: request.plate,
        proves: (row) => row.proof === request.registrationCertificate,
      };
    case 'OMS_POLICY':
      return {
        identifier: request.policy,
        proves: (row) =>
          row.birthDate !== null &&
          samePerson(
            {
              lastName: row.lastName ?? '',
              firstName: row.firstName ?? '',
              middleName: row.middleName,
              birthDate: row.birthDate,
            },
            request,
          ),
      };
    case 'CHILD':
      return { identifier: request.childSnils, proves: (row) => row.proof === request.parentSnils };
    case 'PAYER_CODE':
      return { identifier: request.code, proves: (row) => row.proof === request.checkCode };
    case 'ELECTRICITY_ACCOUNT':
      return { identifier: request.account, proves: (row) => row.proof === request.checkCode };
    case 'DRIVER_LICENSE':
      // A licence carries the name, not the birth date: names and the issue date must agree.
      return {
        identifier: request.number,
        proves: (row) =>
          row.proof === request.issuedAt &&
          samePerson(
            {
              lastName: row.lastName ?? '',
              firstName: row.firstName ?? '',
              middleName: row.middleName,
              birthDate: '',
            },
            { ...request, birthDate: '' },
          ),
      };
  }
}

/**
 * The registry kept in the app's own tables: `person_registry` (filled by `registry:import`) and
 * `link_registry` for the identifier links.
 */
export class TablePersonRegistry extends PersonRegistry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PersonRegistryRepository,
    private readonly links: LinkRegistryRepository,
  ) {
    super();
  }

  async checkLink(request: LinkCheckRequest): Promise<RegistryVerdict> {
    const { identifier, proves } = linkLookup(request);
    const row = await this.links.findOne(this.dataSource.manager, request.kind, identifier);
    if (!row) {
      return 'NOT_FOUND';
    }
    return proves(row) ? 'MATCH' : 'MISMATCH';
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
