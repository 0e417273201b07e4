import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorOf } from '../auth/auth-e2e.helpers';
import type { Account } from '../auth/auth-e2e.helpers';
import { waitForQueueIdle } from '../../support/test-app';
import {
  personWithBirthDate,
  PROFILE_ME,
  ProfileHarness,
  randomSnils,
  startProfileApp,
  SUBMIT_PASSPORT,
  SUBMIT_SNILS,
  UPDATE_PROFILE,
} from './profile-e2e.helpers';

type RegistryImportCommand = typeof import('../../../src/cli/registry-import.command');
const CLI_COMMAND = '../../../src/cli/registry-import.command';

const ADD_VEHICLE = `mutation($input: VehicleInput!) { addVehicle(input: $input) { id plate registrationCertificate } }`;
const REMOVE_VEHICLE = `mutation($id: ID!) { removeVehicle(id: $id) }`;
const ADD_CHILD = `mutation($input: ChildInput!) { addChild(input: $input) { id snils schoolLogin } }`;
const REMOVE_CHILD = `mutation($id: ID!) { removeChild(id: $id) }`;

describe('profile with the table registry', () => {
  let h: ProfileHarness;

  beforeAll(async () => {
    h = await startProfileApp({ driver: 'table' });
  });

  afterAll(async () => {
    await h.close();
  });

  async function importRegistry(csv: string): Promise<unknown> {
    const dir = await mkdtemp(join(tmpdir(), 'registry-'));
    const file = join(dir, 'people.csv');
    await writeFile(file, csv, 'utf8');
    // The CLI command itself, run against the test app's context (loaded after the app, see
    // startAuthApp).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cli = require(CLI_COMMAND) as RegistryImportCommand;
    return cli.registryImport(h.t.app, [file]);
  }

  async function statusOf(a: Account, field: 'snils' | 'passport'): Promise<string> {
    await waitForQueueIdle(h.t.app, 'document-checks');
    const me = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    return me.me[field].status as string;
  }

  it('should import the registry CSV and verify SNILS and passport against it', async () => {
    const a = await personWithBirthDate(h);
    const snils = randomSnils();
    const csv = [
      'snils,passport_series,passport_number,last_name,first_name,middle_name,birth_date',
      `${snils},4511,654321,${a.lastName},${a.firstName},${a.middleName},1985-04-12`,
      `${randomSnils()},,,Другой,Человек,,1970-01-01`,
    ].join('\n');
    expect(await importRegistry(csv)).toEqual({ imported: 2, conflicts: [] });
    // Upsert: importing again changes nothing.
    expect(await importRegistry(csv)).toEqual({ imported: 2, conflicts: [] });

    await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token: a.accessToken });
    expect(await statusOf(a, 'snils')).toBe('VERIFIED');
    const passport = { series: '4511', number: '654321', issuedAt: '2015-01-10', issuedBy: 'МВД' };
    await h.gql.ok(SUBMIT_PASSPORT, { input: passport }, { token: a.accessToken });
    expect(await statusOf(a, 'passport')).toBe('VERIFIED');
    const me = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(me.me.accessLevel).toBe('FULL');
  });

  it('should never move a SNILS or a passport to another person, reporting the line', async () => {
    const header =
      'snils,passport_series,passport_number,last_name,first_name,middle_name,birth_date';
    const [first, second, third] = [randomSnils(), randomSnils(), randomSnils()];
    const series = String(1000 + Math.floor(Math.random() * 9000));
    const seeded = [
      header,
      `${first},${series},111111,Первый,Человек,,1970-01-01`,
      `${second},,,Второй,Человек,,1971-01-01`,
    ].join('\n');
    expect(await importRegistry(seeded)).toEqual({ imported: 2, conflicts: [] });

    const csv = [
      header,
      // The first person's passport under the second person's SNILS: two people at once.
      `${second},${series},111111,Второй,Изменённый,,1971-01-01`,
      // The first person's passport under a SNILS the registry does not know.
      `${third},${series},111111,Третий,Человек,,1972-01-01`,
      // Quoted line break: the next record starts two lines further down.
      `${randomSnils()},,,"Четвёртый","Чело`,
      `век",,1973-01-01`,
      `${first},${series},222222,Первый,Новый паспорт,,1970-01-01`,
    ].join('\n');
    expect(await importRegistry(csv)).toEqual({
      imported: 2,
      conflicts: [
        {
          line: 2,
          message: 'the SNILS and the passport belong to two different people of the registry',
        },
        { line: 3, message: 'the passport belongs to a person of the registry with another SNILS' },
      ],
    });
    const rows = await h.t.dataSource.query<Record<string, string | null>[]>(
      'SELECT snils, passport_series, passport_number, first_name FROM person_registry WHERE snils IN (?, ?, ?) ORDER BY last_name',
      [first, second, third],
    );
    // Nothing of a refused line is written; the first person's own new passport is taken.
    expect(rows).toEqual([
      { snils: second, passport_series: null, passport_number: null, first_name: 'Человек' },
      {
        snils: first,
        passport_series: series,
        passport_number: '222222',
        first_name: 'Новый паспорт',
      },
    ]);
  });

  it('should reject a SNILS missing from the registry', async () => {
    const a = await personWithBirthDate(h);
    await h.gql.ok(SUBMIT_SNILS, { n: randomSnils() }, { token: a.accessToken });
    expect(await statusOf(a, 'snils')).toBe('REJECTED');
    const me = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(me.me.snils.rejectionReason).toBe('СНИЛС не найден в реестре');
  });

  it('should update profile fields and refuse bad ones naming the field', async () => {
    const a = await personWithBirthDate(h);
    const input = {
      address: ' г. Москва,  ул. Тверская, 1 ',
      payerCode: '1234567890',
      omsPolicy: '1234567890123456',
      driverLicense: '77 ав 123456',
      electricityAccount: '12345678',
    };
    await h.gql.ok(UPDATE_PROFILE, { input }, { token: a.accessToken });
    const me = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(me.me).toMatchObject({
      address: 'г. Москва, ул. Тверская, 1',
      payerCode: '1234567890',
      omsPolicy: '1234567890123456',
      driverLicense: '77АВ123456',
      electricityAccount: '12345678',
    });
    for (const [field, value] of [
      ['payerCode', '12345'],
      ['omsPolicy', 'abc'],
      ['birthDate', '2999-01-01'],
      ['lastName', ''],
    ] as const) {
      const res = await h.gql.request(
        UPDATE_PROFILE,
        { input: { [field]: value } },
        { token: a.accessToken },
      );
      const error = errorOf(res);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect((error.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    }
    const after = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(after.me).toMatchObject({ payerCode: '1234567890', birthDate: '1985-04-12' });
  });

  it('should add and remove vehicles and children, NOT_FOUND for another person’s', async () => {
    const a = await personWithBirthDate(h);
    const b = await personWithBirthDate(h);
    const car = await h.gql.ok(
      ADD_VEHICLE,
      { input: { plate: 'a123bc77' } },
      { token: a.accessToken },
    );
    expect(car.addVehicle.plate).toBe('А123ВС77');
    const badPlate = await h.gql.request(
      ADD_VEHICLE,
      { input: { plate: 'XYZ' } },
      { token: a.accessToken },
    );
    expect(errorOf(badPlate)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'VEHICLE_PLATE_INVALID',
    });

    const childSnils = randomSnils();
    const child = await h.gql.ok(
      ADD_CHILD,
      {
        input: {
          lastName: 'Тестов',
          firstName: 'Ваня',
          birthDate: '2015-03-03',
          snils: childSnils.replace(/\D/g, ''),
        },
      },
      { token: a.accessToken },
    );
    expect(child.addChild.snils).toBe(childSnils);
    const badChild = await h.gql.request(
      ADD_CHILD,
      {
        input: {
          lastName: 'Тестов',
          firstName: 'Ваня',
          birthDate: '2015-03-03',
          snils: '112-233-445 00',
        },
      },
      { token: a.accessToken },
    );
    expect(errorOf(badChild)).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'SNILS_INVALID' });

    const notMine = await h.gql.request(
      REMOVE_VEHICLE,
      { id: car.addVehicle.id },
      { token: b.accessToken },
    );
    expect(errorOf(notMine).code).toBe('NOT_FOUND');
    const notMyChild = await h.gql.request(
      REMOVE_CHILD,
      { id: child.addChild.id },
      { token: b.accessToken },
    );
    expect(errorOf(notMyChild).code).toBe('NOT_FOUND');
    const meB = await h.gql.ok(PROFILE_ME, {}, { token: b.accessToken });
    expect(meB.me).toMatchObject({ vehicles: [], children: [] });

    const meA = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(meA.me.vehicles).toHaveLength(1);
    expect(meA.me.children).toHaveLength(1);
    await h.gql.ok(REMOVE_VEHICLE, { id: car.addVehicle.id }, { token: a.accessToken });
    await h.gql.ok(REMOVE_CHILD, { id: child.addChild.id }, { token: a.accessToken });
    const emptied = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(emptied.me).toMatchObject({ vehicles: [], children: [] });
  });

  it('should delete the profile data and the access log with the account', async () => {
    const a = await personWithBirthDate(h);
    await h.gql.ok(ADD_VEHICLE, { input: { plate: 'В456ОР799' } }, { token: a.accessToken });
    await h.gql.ok(SUBMIT_SNILS, { n: randomSnils() }, { token: a.accessToken });
    await waitForQueueIdle(h.t.app, 'document-checks');
    await h.gql.ok(
      `mutation($p: String!) { deleteAccount(password: $p) }`,
      { p: a.password },
      { token: a.accessToken },
    );
    for (const table of ['identity_documents', 'vehicles', 'applications']) {
      const rows = await h.t.dataSource.query<unknown[]>(
        `SELECT id FROM ${table} WHERE user_id = ?`,
        [a.userId],
      );
      expect(rows).toHaveLength(0);
    }
    const log = await h.t.dataSource.query<unknown[]>(
      'SELECT id FROM data_access_log WHERE subject_user_id = ?',
      [a.userId],
    );
    expect(log).toHaveLength(0);
  });
});
