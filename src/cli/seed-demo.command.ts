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
import { NotificationSubscriptionService } from '../modules/notifications';
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
  LinkCheckService,
  PersonRegistryImportService,
  VehicleService,
} from '../modules/profile';
import { DemoReportSeeder } from '../modules/remote-work-reports';
import type { DemoReport } from '../modules/remote-work-reports';
import {
  EVENTS_WRITE_SCOPE,
  EventSources,
  NotificationCategory,
  ServiceEventIngestService,
  SubjectKind,
} from '../modules/service-events';
import { PUB_SUB } from '../core/pubsub/pubsub.module';
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
  const registry = app.get(PersonRegistryImportService);
  await registry.importCsv(residentRegistryCsv(resident));
  await registry.importCsv(residentLinkRegistryCsv());
  const domain = await NestFactory.createApplicationContext(SeedDemoModule, {
    logger: ['error'],
  });
  let residentData: ResidentData;
  let reports: DemoReport[] | null;
  let events: ResidentEvents;
  try {
    residentData = await ensureResidentProfile(domain, accounts.ids.resident);
    reports = await domain.get(DemoReportSeeder).seed(accounts.organizationId, accounts.ids.head);
    events = await ensureResidentEvents(app, domain, accounts.ids.resident, residentData.created);
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
    // null when the organization had reports already (an earlier run) and was left as it is.
    reports,
    events,
    apiClient: { clientId: client.clientId, clientSecret: secret, scopes: client.scopes },
    signIn: [
      'People: login(login: <phone>, password: <password>), or requestLoginCode + loginWithCode (SMS_DRIVER=log writes the code to the log); then selectOrganization(<organization id>).',
      'Resident: login(login: <resident phone>, password: <password>); no organization to choose. { me { snils { status } passport { status } vehicles { plate } children { firstName } } } shows the seeded profile (the documents turn VERIFIED once a worker has run their checks).',
      'HEAD (or ADMIN, EMPLOYEE) after selectOrganization: { remoteWorkReports { edges { node { id status reportingWeek } } } } lists one report in every status; GET /files/remote-work-reports/<id>/result (Authorization: Bearer <token>) downloads the result workbook of an ACCEPTED, PARTIALLY_ACCEPTED or REJECTED one (rendered on first download), /original the uploaded file. QUEUED and PROCESSING ones are picked up by a running worker (the reconciler) and end REJECTED: their file is the empty template.',
      'Resident: { notificationSubscriptions { category subscribed } } shows TRAFFIC_FINES and VEHICLE_EVACUATION subscribed; { notifications { edges { node { title } } } } shows the demo fine and evacuation once a worker has fanned the events out.',
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
    phoneSince: now,
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
 * The resident's vehicle as the traffic police registry knows it (a link CSV of
 * `registry:import`): the plate with its СТС, so the vehicle's check proves it.
 */
function residentLinkRegistryCsv(): string {
  const { vehicle } = DEMO_RESIDENT_DOCUMENTS;
  return [
    'kind,identifier,proof,last_name,first_name,middle_name,birth_date',
    ['VEHICLE', vehicle.plate, vehicle.registrationCertificate, '', '', '', ''].join(','),
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
  let vehicleId: string;
  try {
    vehicleId = (await domain.get(VehicleService).add(principal, vehicle)).id;
  } catch (error) {
    if (error instanceof AppException && error.subCode === 'VEHICLE_EXISTS') {
      return { created: false, documents };
    }
    throw error;
  }
  // The vehicle's check runs here rather than waiting for a worker: personal events reach a
  // vehicle only from when it was proven, and the demo events below are about it. The queued job
  // then finds it decided and leaves it alone.
  await vehicleCheck(domain)
    .check('VEHICLE', vehicleId)
    .catch((error: unknown) => {
      // The registry is unreachable: the queued job retries, but the demo events ingested below
      // occur before the vehicle is proven and will not reach the resident.
      process.stderr.write(`seed:demo: vehicle check not done: ${(error as Error).message}\n`);
    });
  await domain.get(ChildService).add(principal, child);
  const submissions = domain.get(DocumentSubmissionService);
  await submissions.submitSnils(principal, snils);
  await submissions.submitPassport(principal, {
    ...passport,
    issuedBy: 'ОТДЕЛОМ УФМС РОССИИ ПО Г. МОСКВЕ',
  });
  return { created: true, documents };
}

function vehicleCheck(domain: INestApplicationContext): LinkCheckService {
  try {
    return domain.get(LinkCheckService, { strict: false });
  } catch {
    throw new CliError('seed:demo runs registry checks: run it with APP_ROLE=all (the default)');
  }
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

interface ResidentEvents {
  subscriptions: NotificationCategory[];
  /** Events stored by this run; 0 when an earlier run ingested them. */
  ingested: number;
}

/** The demo events' source system: its events are idempotent on (source, externalId). */
const DEMO_EVENT_SOURCE = 'demo.city';

/**
 * The resident's subscriptions (through the notifications module's service, idempotent) and, on
 * the run that created the resident's profile, two events about the resident's vehicle ingested
 * through the service-events ingest service by a city-system client with `events:write`, as a
 * city system would: the fan-out job (worker side) makes the resident's notifications.
 */
async function ensureResidentEvents(
  app: INestApplicationContext,
  domain: INestApplicationContext,
  userId: string,
  firstRun: boolean,
): Promise<ResidentEvents> {
  const subscriptions = [
    NotificationCategory.TRAFFIC_FINES,
    NotificationCategory.VEHICLE_EVACUATION,
  ];
  const resident: AuthPrincipal = {
    kind: 'user',
    subject: userId,
    userId,
    sessionId: null,
    organizationId: null,
    actingChildId: null,
    developerRepresentative: false,
    scopes: [],
  };
  for (const category of subscriptions) {
    await domain.get(NotificationSubscriptionService).subscribe(resident, category, null);
  }
  if (!firstRun) {
    return { subscriptions, ingested: 0 };
  }
  const { client } = await app.get(ApiClientRegistry).create({
    name: 'Демо: городская система',
    scopes: [EVENTS_WRITE_SCOPE],
    organizationId: null,
    createdByUserId: null,
  });
  await app.get(EventSources).set(client.id, [DEMO_EVENT_SOURCE]);
  const cityClient: AuthPrincipal = {
    kind: 'client',
    subject: client.id,
    userId: null,
    sessionId: null,
    organizationId: null,
    actingChildId: null,
    developerRepresentative: false,
    scopes: [EVENTS_WRITE_SCOPE],
  };
  const plate = { kind: SubjectKind.VEHICLE_PLATE, value: DEMO_RESIDENT_DOCUMENTS.vehicle.plate };
  // Now: after the vehicle was proven (its check ran above), as personal events must be.
  const occurredAt = new Date();
  const { accepted } = await domain.get(ServiceEventIngestService).ingest(cityClient, [
    {
      source: DEMO_EVENT_SOURCE,
      externalId: 'demo-fine-1',
      category: NotificationCategory.TRAFFIC_FINES,
      subject: plate,
      title: 'Штраф за превышение скорости',
      body: 'Превышение скорости на 25 км/ч, Ленинский проспект, 12',
      amount: 500,
      occurredAt,
      dueAt: new Date(occurredAt.getTime() + 20 * 24 * 60 * 60 * 1000),
    },
    {
      source: DEMO_EVENT_SOURCE,
      externalId: 'demo-evacuation-1',
      category: NotificationCategory.VEHICLE_EVACUATION,
      subject: plate,
      title: 'Автомобиль перемещён на специализированную стоянку',
      body: 'Стоянка: ул. Складочная, 1',
      occurredAt,
    },
  ]);
  return { subscriptions, ingested: accepted };
}
