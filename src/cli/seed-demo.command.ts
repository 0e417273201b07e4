import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { loadEnv } from '../config/env.schema';
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
import { CliError } from './cli-error';

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
}

const PEOPLE: DemoPerson[] = [
  {
    key: 'head',
    phone: '+79990000001',
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    role: MemberRole.HEAD,
    grant: false,
  },
  {
    key: 'admin',
    phone: '+79990000002',
    lastName: 'Смирнов',
    firstName: 'Олег',
    middleName: 'Игоревич',
    role: MemberRole.ADMIN,
    grant: false,
  },
  {
    key: 'employee',
    phone: '+79990000003',
    lastName: 'Кузнецова',
    firstName: 'Мария',
    middleName: 'Павловна',
    role: MemberRole.EMPLOYEE,
    grant: true,
  },
  {
    key: 'resident',
    phone: '+79990000004',
    lastName: 'Иванов',
    firstName: 'Пётр',
    middleName: 'Андреевич',
    role: null,
    grant: false,
  },
];

/**
 * `seed:demo`: demo data to click through in development: the organization «ДЕМО» with a HEAD,
 * an ADMIN and an EMPLOYEE holding the remote-work reports grant, a resident without an
 * organization, and an OAuth client of the organization. Running it again keeps what exists and
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
    for (const person of PEOPLE) {
      const userId = await ensureUser(em, person, passwordHash, answerHash);
      if (person.role) {
        await ensureMembership(em, organizationId, userId, person.role, person.grant);
      }
      made[person.key] = {
        phone: person.phone,
        name: `${person.lastName} ${person.firstName} ${person.middleName}`,
        role: person.role,
      };
    }
    return { organizationId, made };
  });
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
    apiClient: { clientId: client.clientId, clientSecret: secret, scopes: client.scopes },
    signIn: [
      'People: login(login: <phone>, password: <password>), or requestLoginCode + loginWithCode (SMS_DRIVER=log writes the code to the log); then selectOrganization(<organization id>).',
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
    birthDate: null,
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
