import type { DataSource } from 'typeorm';
import { LinkRegistryEntity } from '../entities/link-registry.entity';
import type { LinkRegistryRepository } from '../repositories/link-registry.repository';
import type { PersonRegistryRepository } from '../repositories/person-registry.repository';
import { samePerson, TablePersonRegistry } from './table-person.registry';

describe(samePerson.name, () => {
  const registry = {
    lastName: 'Ёлкина',
    firstName: 'Анна',
    middleName: 'Петровна',
    birthDate: '1990-02-03',
  };

  it('should match ignoring case, ё/е and extra spaces', () => {
    expect(
      samePerson(registry, {
        lastName: ' елкина ',
        firstName: 'АННА',
        middleName: 'петровна',
        birthDate: '1990-02-03',
      }),
    ).toBe(true);
  });

  it('should not match another birth date or patronymic', () => {
    expect(samePerson(registry, { ...registry, birthDate: '1990-02-04' })).toBe(false);
    expect(samePerson(registry, { ...registry, middleName: null })).toBe(false);
  });
});

describe('TablePersonRegistry.checkLink', () => {
  const rows = new Map<string, LinkRegistryEntity>();
  const links = {
    findOne: jest.fn((_em: unknown, kind: string, identifier: string) =>
      Promise.resolve(rows.get(`${kind} ${identifier}`) ?? null),
    ),
  } as unknown as LinkRegistryRepository;
  const registry = new TablePersonRegistry(
    { manager: {} } as DataSource,
    {} as PersonRegistryRepository,
    links,
  );
  const row = (values: Partial<LinkRegistryEntity>): LinkRegistryEntity =>
    Object.assign(new LinkRegistryEntity(), {
      proof: null,
      lastName: null,
      firstName: null,
      middleName: null,
      birthDate: null,
      updatedAt: new Date(),
      ...values,
    });
  rows.set(
    'VEHICLE А123ВС77',
    row({ kind: 'VEHICLE', identifier: 'А123ВС77', proof: '77УК123456' }),
  );
  rows.set(
    'OMS_POLICY 1234567890123456',
    row({
      kind: 'OMS_POLICY',
      identifier: '1234567890123456',
      lastName: 'Иванов',
      firstName: 'Иван',
      birthDate: '1985-04-12',
    }),
  );

  it('should match a plate only with its СТС', async () => {
    const plate = { kind: 'VEHICLE' as const, plate: 'А123ВС77' };
    await expect(
      registry.checkLink({ ...plate, registrationCertificate: '77УК123456' }),
    ).resolves.toBe('MATCH');
    await expect(
      registry.checkLink({ ...plate, registrationCertificate: '77УК000000' }),
    ).resolves.toBe('MISMATCH');
    await expect(
      registry.checkLink({
        kind: 'VEHICLE',
        plate: 'В456ОР99',
        registrationCertificate: '77УК123456',
      }),
    ).resolves.toBe('NOT_FOUND');
  });

  it('should match an OMS policy only with its holder’s name and birth date', async () => {
    const policy = {
      kind: 'OMS_POLICY' as const,
      policy: '1234567890123456',
      lastName: 'иванов',
      firstName: 'Иван',
      middleName: null,
    };
    await expect(registry.checkLink({ ...policy, birthDate: '1985-04-12' })).resolves.toBe('MATCH');
    await expect(registry.checkLink({ ...policy, birthDate: '1990-01-01' })).resolves.toBe(
      'MISMATCH',
    );
  });
});
