import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { loadEnv } from '../config/env.schema';
import type { AuthPrincipal } from '../shared/auth';
import { AppException } from '../shared/errors';
import { PasswordHasher } from '../modules/auth';
import { UserEntity, UserRepository } from '../modules/identity';
import { ApiClientRegistry } from '../modules/integrations';
import {
  AccessGrantEntity,
  MembershipEntity,
  MembershipStatus,
  MemberRole,
  OrganizationEntity,
  OrganizationType,
  OrgSystem,
} from '../modules/organizations';
import {
  ChildService,
  DocumentSubmissionService,
  PersonRegistryImportService,
  VehicleService,
} from '../modules/profile';
import { PUB_SUB } from '../shared/pubsub/pubsub.module';
import type { RedisPubSub } from 'graphql-redis-subscriptions';
import { CliError } from './cli-error';
import { SeedDemoModule } from './seed-demo.module';

/** The demo organization: INN and OGRN with valid check digits, in no real register. */
export const DEMO_ORGANIZATION = {
  inn: '7799000012',
  ogrn: '1027799000019',
  fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «ДЕМО»',
  shortName: 'ООО «ДЕМО»',
};

/** The password of every demo account: development data only. */
export const DEMO_PASSWORD = 'Demo-Kabinet-2026';

interface DemoPerson {
  key: string;
  phone: string;
  lastName: string;
  firstName: string;
  middleName: string;
  role: MemberRole | null;
  grant: boolean;
  birthDate: string | null;
}

/** The demo resident's documents, in the person registry too, so the real check verifies them. */
export const DEMO_RESIDENT_DOCUMENTS = {
  snils: '779-900-004 38',
  passport: { series: '4599', number: '004004', issuedAt: '2015-06-01' },
  vehicle: { plate: 'А004АА77', registrationCertificate: '77УК004004' },
  child: {
    lastName: 'Иванова',
    firstName: 'Алиса',
    middleName: 'Петровна',
    birthDate: '2015-09-01',
  },
};

const PEOPLE: DemoPerson[] = [
  {
    key: 'head',
    phone: '+79990000001',
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    role: MemberRole.HEAD,
    grant: false,
    birthDate: null,
  },
  {
    key: 'admin',
    phone: '+79990000002',
    lastName: 'Смирнов',
    firstName: 'Олег',
    middleName: 'Игоревич',
    role: MemberRole.ADMIN,
    grant: false,
    birthDate: null,
  },
  {
    key: 'employee',
    phone: '+79990000003',
    lastName: 'Кузнецова',
    firstName: 'Мария',
    middleName: 'Павловна',
    role: MemberRole.EMPLOYEE,
    grant: true,
    birthDate: null,
  },
  {
    key: 'resident',
    phone: '+79990000004',
    lastName: 'Иванов',
    firstName: 'Пётр',
    middleName: 'Андреевич',
    role: null,
    grant: false,
    birthDate: '1985-04-12',
  },
];

/**
 * `seed:demo`: demo data to click through in development: the organization «ДЕМО» with a HEAD,
 * an ADMIN and an EMPLOYEE holding the remote-work reports grant, a resident without an
 * organization but with a vehicle, a child, a SNILS and a passport (through the profile module's
 * services; the registry checks are queued and verify them), and an OAuth client of the
 * organization. Running it again keeps what exists and
 * makes a new client (a secret is shown only once). Refused when NODE_ENV=production.
 */
export async function seedDemo(app: INestApplicationContext, args: string[]): Promise<unknown> {
  if (args.length > 0) {
    throw new CliError('usage: seed:demo');
  }
  if (loadEnv().NODE_ENV === 'production') {
    throw new CliError(
      'seed:demo is refused when NODE_ENV=production: demo data is for development',
    );
  }
  const dataSource = app.get(DataSource);
  const hasher = new PasswordHasher();
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  const answerHash = await hasher.hash('демо');
  const accounts = await dataSource.transaction(async (em) => {
    const organizationId = await ensureOrganization(em);
    const made: Record<string, { phone: string; name: string; role: string | null }> = {};
    const ids: Record<string, string> = {};
    for (const person of PEOPLE) {
      const userId = await ensureUser(em, person, passwordHash, answerHash);
      ids[person.key] = userId;
      if (person.role) {
        await ensureMembership(em, organizationId, userId, person.role, person.grant);
      }
      made[person.key] = {
        phone: person.phone,
        name: `${person.lastName} ${person.firstName} ${person.middleName}`,
        role: person.role,
      };
    }
    return { organizationId, made, ids };
  });
  const resident = PEOPLE.find((p) => p.key === 'resident') as DemoPerson;
  await app.get(PersonRegistryImportService).importCsv(residentRegistryCsv(resident));
  const domain = await NestFactory.createApplicationContext(SeedDemoModule, {
    logger: ['error'],
  });
  let residentData: ResidentData;
  try {
    residentData = await ensureResidentProfile(domain, accounts.ids.resident);
  } finally {
    await pubSubConnected(domain);
    await domain.close();
  }
  const { client, secret } = await app.get(ApiClientRegistry).create({
    name: 'Демо: кадровая система',
    scopes: ['reports:read', 'reports:write'],
    organizationId: accounts.organizationId,
    createdByUserId: null,
  });
  return {
    organization: { id: accounts.organizationId, ...DEMO_ORGANIZATION },
    password: DEMO_PASSWORD,
    accounts: accounts.made,
    resident: residentData,
    apiClient: { clientId: client.clientId, clientSecret: secret, scopes: client.scopes },
    signIn: [
      'People: login(login: <phone>, password: <password>), or requestLoginCode + loginWithCode (SMS_DRIVER=log writes the code to the log); then selectOrganization(<organization id>).',
      'Resident: login(login: <resident phone>, password: <password>); no organization to choose. { me { snils { status } passport { status } vehicles { plate } children { firstName } } } shows the seeded profile (the documents turn VERIFIED once a worker has run their checks).',
      'Integrator: KABINET_CLIENT_ID=<clientId> KABINET_CLIENT_SECRET=<clientSecret> node examples/employer-upload.mjs <workbook.xlsx>.',
    ],
  };
}

async function ensureOrganization(em: EntityManager): Promise<string> {
  const found = await em.findOne(OrganizationEntity, { where: { inn: DEMO_ORGANIZATION.inn } });
  if (found) {
    return found.id;
  }
  const id = randomUUID();
  await em.insert(OrganizationEntity, {
    id,
    type: OrganizationType.LEGAL_ENTITY,
    inn: DEMO_ORGANIZATION.inn,
    ogrn: DEMO_ORGANIZATION.ogrn,
    kpp: '779901001',
    fullName: DEMO_ORGANIZATION.fullName,
    shortName: DEMO_ORGANIZATION.shortName,
    createdAt: new Date(),
  });
  return id;
}

async function ensureUser(
  em: EntityManager,
  person: DemoPerson,
  passwordHash: string,
  securityAnswerHash: string,
): Promise<string> {
  const users = new UserRepository();
  const found = await users.findByPhone(em, person.phone);
  if (found) {
    return found.id;
  }
  const now = new Date();
  const user: UserEntity = {
    id: randomUUID(),
    lastName: person.lastName,
    firstName: person.firstName,
    middleName: person.middleName,
    phone: person.phone,
    email: null,
    emailConfirmedAt: null,
    passwordHash,
    hasPassword: true,
    securityQuestion: 'Кодовое слово',
    securityAnswerHash,
    birthDate: person.birthDate,
    createdAt: now,
    updatedAt: now,
  };
  await users.insert(em, user);
  return user.id;
}

async function ensureMembership(
  em: EntityManager,
  organizationId: string,
  userId: string,
  role: MemberRole,
  grant: boolean,
): Promise<void> {
  let membership = await em.findOne(MembershipEntity, { where: { organizationId, userId } });
  if (!membership) {
    membership = {
      id: randomUUID(),
      organizationId,
      userId,
      role,
      status: MembershipStatus.ACTIVE,
      invitedAs: null,
      invitationExpiresAt: null,
      personnelNumber: null,
      createdAt: new Date(),
    };
    await em.insert(MembershipEntity, membership);
  }
  if (grant) {
    const held = await em.findOne(AccessGrantEntity, {
      where: { membershipId: membership.id, system: OrgSystem.REMOTE_WORK_REPORTS },
    });
    if (!held) {
      await em.insert(AccessGrantEntity, {
        id: randomUUID(),
        membershipId: membership.id,
        system: OrgSystem.REMOTE_WORK_REPORTS,
        grantedAt: new Date(),
        expiresAt: null,
      });
    }
  }
}

interface ResidentData {
  /** False when the profile was seeded by an earlier run and left as it is. */
  created: boolean;
  documents: string[];
}

/** The resident's SNILS and passport as the person registry knows them (CSV of `registry:import`). */
function residentRegistryCsv(resident: DemoPerson): string {
  const { snils, passport } = DEMO_RESIDENT_DOCUMENTS;
  return [
    'snils,passport_series,passport_number,last_name,first_name,middle_name,birth_date',
    [
      snils,
      passport.series,
      passport.number,
      resident.lastName,
      resident.firstName,
      resident.middleName,
      resident.birthDate,
    ].join(','),
  ].join('\n');
}

/**
 * The resident's vehicle, child, SNILS and passport, through the profile module's services as the
 * resident's own requests would: the submissions are stored PENDING and their registry checks are
 * queued, so a worker verifies them against the registry rows imported above. The vehicle goes
 * first: when it exists already, an earlier run seeded the profile and nothing is added.
 */
async function ensureResidentProfile(
  domain: INestApplicationContext,
  userId: string,
): Promise<ResidentData> {
  const principal: AuthPrincipal = {
    kind: 'user',
    subject: userId,
    userId,
    sessionId: null,
    organizationId: null,
    actingChildId: null,
    developerRepresentative: false,
    scopes: [],
  };
  const documents = ['vehicle', 'child', 'snils', 'passport'];
  const { vehicle, child, snils, passport } = DEMO_RESIDENT_DOCUMENTS;
  try {
    await domain.get(VehicleService).add(principal, vehicle);
  } catch (error) {
    if (error instanceof AppException && error.subCode === 'VEHICLE_EXISTS') {
      return { created: false, documents };
    }
    throw error;
  }
  await domain.get(ChildService).add(principal, child);
  const submissions = domain.get(DocumentSubmissionService);
  await submissions.submitSnils(principal, snils);
  await submissions.submitPassport(principal, {
    ...passport,
    issuedBy: 'ОТДЕЛОМ УФМС РОССИИ ПО Г. МОСКВЕ',
  });
  return { created: true, documents };
}

/**
 * Waits until the PubSub connections (opened eagerly) are ready: closing them while they still
 * connect rejects their pending commands with nobody listening, which ends the process.
 */
async function pubSubConnected(domain: INestApplicationContext): Promise<void> {
  const pubSub = domain.get<RedisPubSub>(PUB_SUB);
  await Promise.all(
    [pubSub.getPublisher(), pubSub.getSubscriber()].map((client) =>
      client.status === 'ready' ? Promise.resolve() : once(client, 'ready').then(() => undefined),
    ),
  );
}
