// Organizations, people, operators and platform clients for the inter-agency e2e tests. Rows of
// other modules (organizations, memberships, grants, verified SNILS) are written straight into
// the run's database: those flows have their own tests.
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiClientRegistry } from '../../../src/modules/integrations';
import { PlatformRole, PlatformRolesService } from '../../../src/modules/platform-roles';
import { insertUser } from '../../support/db-fixtures';
import type { TestApp } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';

export type Role = 'HEAD' | 'ADMIN' | 'EMPLOYEE';

export const SYSTEM_FIELDS =
  'id mnemonic name environment status createdAt organization { id } specialQueues { name }';

export const REGISTER_SYSTEM = `mutation($input: RegisterInformationSystemInput!) {
  registerInformationSystem(input: $input) { ${SYSTEM_FIELDS} }
}`;

export const SYSTEMS = `query($environment: Environment) {
  informationSystems(environment: $environment) { ${SYSTEM_FIELDS} }
}`;

export const DECIDE_SYSTEM = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  decideInformationSystem(id: $id, approve: $approve, reason: $reason) { id status }
}`;

export const REGISTER_KIND = `mutation($input: RegisterDataKindInput!) {
  registerDataKind(input: $input) { id name namespaceUri version rootElement ownerSystem { id mnemonic } }
}`;

export const REQUEST_ACCESS = `mutation($input: DataKindAccessInput!) {
  requestDataKindAccess(input: $input) {
    id role environment status reason createdAt decidedAt dataKind { id } system { id mnemonic }
  }
}`;

export const ACCESS_REQUESTS = `query($status: AccessRequestStatus) {
  accessRequests(status: $status) { id status environment reason decidedAt system { id } dataKind { id } }
}`;

export const DECIDE_REQUEST = `mutation($id: ID!, $approve: Boolean!, $reason: String) {
  decideAccessRequest(id: $id, approve: $approve, reason: $reason) { id status reason decidedAt }
}`;

export const REVOKE_ACCESS = `mutation($id: ID!, $reason: String) {
  revokeDataKindAccess(id: $id, reason: $reason) { id status reason decidedAt }
}`;

export const ADD_QUEUE = `mutation($systemId: ID!, $name: String!) {
  addSpecialQueue(systemId: $systemId, name: $name) { id name createdAt }
}`;

/** A unique mnemonic for this run (tests share one database). */
export function mnemonic(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`.toUpperCase();
}

export async function insertOrganization(dataSource: DataSource, name: string): Promise<string> {
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO organizations (id, type, inn, ogrn, full_name, created_at)
     VALUES (?, 'LEGAL_ENTITY', ?, ?, ?, NOW(3))`,
    [id, `8${digits(9)}`, `1${digits(12)}`, name],
  );
  return id;
}

export async function addMember(
  dataSource: DataSource,
  organizationId: string,
  userId: string,
  role: Role,
): Promise<string> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO memberships (id, organization_id, user_id, role, created_at)
     VALUES (?, ?, ?, ?, NOW(3))`,
    [id, organizationId, userId, role],
  );
  return id;
}

export async function grantPortal(dataSource: DataSource, membershipId: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO access_grants (id, membership_id, system, granted_at, expires_at)
     VALUES (?, ?, 'INTER_AGENCY_PORTAL', NOW(3), NULL)`,
    [randomUUID(), membershipId],
  );
}

export interface Member {
  userId: string;
  membershipId: string;
  token: string;
  email: string | null;
}

/** A member with that role and a token carrying the organization context. */
export async function member(
  t: TestApp,
  organizationId: string,
  role: Role,
  options: { email?: boolean } = {},
): Promise<Member> {
  const { id: userId } = await insertUser(t.dataSource);
  const email = options.email ? `head-${userId.slice(0, 8)}@example.org` : null;
  if (email) {
    await t.dataSource.query('UPDATE users SET email = ? WHERE id = ?', [email, userId]);
  }
  const membershipId = await addMember(t.dataSource, organizationId, userId, role);
  return {
    userId,
    membershipId,
    token: await signTestToken(t.app, { sub: userId, org: organizationId }),
    email,
  };
}

/** A person with an INTER_AGENCY_OPERATOR role and an individual's session. */
export async function operatorToken(t: TestApp): Promise<string> {
  const { id } = await insertUser(t.dataSource);
  await t.app.get(PlatformRolesService).grant(id, PlatformRole.INTER_AGENCY_OPERATOR);
  return await signTestToken(t.app, { sub: id });
}

/** A platform API client (as the CLI makes them) and a token from POST /oauth/token. */
export async function platformClientToken(t: TestApp, scopes: string[]): Promise<string> {
  const { client, secret } = await t.app.get(ApiClientRegistry).create({
    name: 'Шина СМЭВ',
    scopes,
    organizationId: null,
    createdByUserId: null,
  });
  const res = await fetch(`${t.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: secret,
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) {
    throw new Error(`no token: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

/** A SNILS with a valid checksum, unique enough for one run. */
export function randomSnils(): string {
  const digits = Array.from({ length: 9 }, () => randomInt(0, 10));
  digits[0] = 2 + randomInt(0, 7);
  let sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
  if (sum > 101) {
    sum %= 101;
  }
  const check = sum < 100 ? sum : 0;
  const d = digits.join('');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${String(check).padStart(2, '0')}`;
}

/** Marks a SNILS as verified and in force for the account (the profile module's table). */
export async function verifySnils(dataSource: DataSource, userId: string, snils: string) {
  await dataSource.query(
    `INSERT INTO identity_documents (id, user_id, kind, series, number, issued_at, issued_by, status,
       in_force, submitted_at, verified_at, rejection_reason, check_expires_at, updated_at)
     VALUES (?, ?, 'SNILS', NULL, ?, NULL, NULL, 'VERIFIED', 1, NOW(3), NOW(3), NULL, NULL, NOW(3))`,
    [randomUUID(), userId, snils],
  );
}

/** Polls until `check` returns a value (not undefined), or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('condition not reached in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Registers a TEST system and waits until the queued check made it ACTIVE. */
export async function activeTestSystem(t: TestApp, token: string, prefix: string) {
  const { registerInformationSystem: system } = await t.gql.ok(
    REGISTER_SYSTEM,
    { input: { mnemonic: mnemonic(prefix), name: `Система ${prefix}`, environment: 'TEST' } },
    { token },
  );
  await eventually(async () => {
    const { informationSystems } = await t.gql.ok(SYSTEMS, { environment: 'TEST' }, { token });
    const found = (informationSystems as { id: string; status: string }[]).find(
      (s) => s.id === system.id,
    );
    return found?.status === 'ACTIVE' ? found : undefined;
  });
  return system as { id: string; mnemonic: string };
}
