// Organizations, people and uploads for the remote-work report e2e tests. Rows are written
// straight into the run's database: the organization and auth flows have their own tests.
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { authConfig } from '../../src/config/configuration';
import { insertSession, insertUser } from './db-fixtures';
import type { GqlError, GqlResponse } from './graphql-client';
import { signTestToken } from './tokens';
import type { TestApp } from './test-app';

export const LIBREOFFICE_FIXTURE = join(
  __dirname,
  '../fixtures/remote-work-report.libreoffice.xlsx',
);

/** The organization the LibreOffice fixture belongs to (test/fixtures/README of the specs). */
export const ROMASHKA = {
  inn: '7701234560',
  ogrn: '1027701234560',
  fullName: 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ «РОМАШКА»',
};

export type MemberRole = 'HEAD' | 'ADMIN' | 'EMPLOYEE';

export interface OrganizationValues {
  inn: string;
  ogrn: string;
  fullName: string;
}

export const REPORT_FIELDS = `id reportingWeek status submittedAt processedAt fileName fileSize sha256
  totalEmployees remoteEmployees rowsTotal rowsAccepted rowsRejected originalFileUrl resultFileUrl
  superseded issues { severity sheet row column code message }`;

export const SUBMIT = `mutation($file: Upload!, $week: Date) {
  submitRemoteWorkReport(file: $file, week: $week) { ${REPORT_FIELDS} }
}`;

export const REPORT = `query($id: ID!) { remoteWorkReport(id: $id) { ${REPORT_FIELDS} } }`;

/** The organization with these identifiers, created unless an earlier test file made it. */
export async function ensureOrganization(
  dataSource: DataSource,
  values: OrganizationValues,
): Promise<string> {
  const [found] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM organizations WHERE inn = ?',
    [values.inn],
  );
  if (found) {
    return found.id;
  }
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO organizations (id, type, inn, ogrn, full_name, created_at)
     VALUES (?, 'LEGAL_ENTITY', ?, ?, ?, NOW(3))`,
    [id, values.inn, values.ogrn, values.fullName],
  );
  return id;
}

/** A fresh legal entity with made-up (unchecked) identifiers. */
export function createOtherOrganization(dataSource: DataSource): Promise<string> {
  const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');
  return ensureOrganization(dataSource, {
    inn: `9${digits(9)}`,
    ogrn: `1${digits(12)}`,
    fullName: `ООО «Тест ${digits(6)}»`,
  });
}

export async function addMember(
  dataSource: DataSource,
  organizationId: string,
  userId: string,
  role: MemberRole,
): Promise<string> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO memberships (id, organization_id, user_id, role, created_at)
     VALUES (?, ?, ?, ?, NOW(3))`,
    [id, organizationId, userId, role],
  );
  return id;
}

export async function grantReports(
  dataSource: DataSource,
  membershipId: string,
  expiresAt: Date | null,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO access_grants (id, membership_id, system, granted_at, expires_at)
     VALUES (?, ?, 'REMOTE_WORK_REPORTS', NOW(3), ?)
     ON DUPLICATE KEY UPDATE expires_at = VALUES(expires_at)`,
    [randomUUID(), membershipId, expiresAt],
  );
}

/** A member with that role and an access token carrying the organization context. */
export async function memberToken(
  t: TestApp,
  organizationId: string,
  role: MemberRole,
): Promise<{ token: string; userId: string; membershipId: string }> {
  const { id: userId } = await insertUser(t.dataSource);
  const membershipId = await addMember(t.dataSource, organizationId, userId, role);
  return {
    token: await signTestToken(t.app, { sub: userId, org: organizationId }),
    userId,
    membershipId,
  };
}

/**
 * An access token signed like the auth module signs them, without a booted app: for tests and
 * benchmarks that run Kabinet as separate processes sharing this process's environment (and so
 * its JWT_SECRET).
 */
export function signAccessToken(
  claims: { sub: string; org?: string; sid: string; jti?: string },
  expiresIn = 3600,
): string {
  const config = authConfig();
  return new JwtService().sign(
    { typ: 'user', ...claims },
    {
      secret: config.jwtSecret,
      algorithm: 'HS256',
      issuer: config.issuer,
      audience: config.audience,
      expiresIn,
    },
  );
}

/** A member signed in to the organization: the account, its session and an access token. */
export interface SignedInMember {
  userId: string;
  sessionId: string;
  token: string;
}

/**
 * A HEAD of the organization signed in to it: a session row and an access token for it, like the
 * auth module issues after an organization sign-in (so every request also checks the session),
 * written straight into the database (no booted app needed).
 */
export async function signedInHead(
  dataSource: DataSource,
  organizationId: string,
): Promise<SignedInMember> {
  const { id: userId } = await insertUser(dataSource);
  await addMember(dataSource, organizationId, userId, 'HEAD');
  const sessionId = await insertSession(dataSource, userId, organizationId);
  const token = signAccessToken({
    sub: userId,
    org: organizationId,
    sid: sessionId,
    jti: randomUUID(),
  });
  return { userId, sessionId, token };
}

/** {@link signedInHead}'s access token. */
export async function headToken(dataSource: DataSource, organizationId: string): Promise<string> {
  return (await signedInHead(dataSource, organizationId)).token;
}

/**
 * An access token of a new integrator client of the organization, obtained the way integrators
 * do: `createApiClient` by a HEAD or ADMIN, then `POST /oauth/token` (client credentials).
 */
export async function integratorToken(
  t: TestApp,
  headToken: string,
  scopes: string[],
): Promise<string> {
  const { createApiClient } = await t.gql.ok(
    `mutation($name: String!, $scopes: [String!]!) {
      createApiClient(name: $name, scopes: $scopes) { clientSecret client { clientId } }
    }`,
    { name: 'Кадровая система', scopes },
    { token: headToken },
  );
  const res = await fetch(`${t.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: createApiClient.client.clientId,
      client_secret: createApiClient.clientSecret,
    }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) {
    throw new Error(`no integrator token: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

let weekCursor = Date.UTC(2100 + randomInt(0, 5000), 0, 4);

/**
 * A Monday no other test of the run uses (a random far-off year, then week after week), so
 * duplicate detection and superseding never mix tests up while files share the fixture company.
 */
export function uniqueWeek(): string {
  const day = new Date(weekCursor);
  const monday = new Date(weekCursor + ((8 - day.getUTCDay()) % 7) * 86_400_000);
  weekCursor = monday.getTime() + 7 * 86_400_000;
  return monday.toISOString().slice(0, 10);
}

export function fixtureBytes(): Buffer {
  return readFileSync(LIBREOFFICE_FIXTURE);
}

/** Sends `submitRemoteWorkReport` as a GraphQL multipart request, like a browser would. */
export async function uploadReport(
  t: Pick<TestApp, 'url'>,
  token: string,
  file: Buffer,
  options: { week?: string; fileName?: string } = {},
): Promise<GqlResponse> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query: SUBMIT, variables: { file: null, week: options.week } }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([file]), options.fileName ?? 'Отчёт РОМАШКА.xlsx');
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    body: form,
  });
  const body = (await res.json()) as { data?: Record<string, any> | null; errors?: GqlError[] };
  return { status: res.status, data: body.data, errors: body.errors };
}

const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];

/** Polls the report until it reaches a final status (through any API process's client). */
export async function waitForFinalReport(
  t: Pick<TestApp, 'gql'>,
  token: string,
  id: string,
  timeoutMs = 30_000,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { remoteWorkReport } = await t.gql.ok<{ remoteWorkReport: Record<string, any> }>(
      REPORT,
      { id },
      { token },
    );
    if (FINAL.includes(remoteWorkReport.status)) {
      return remoteWorkReport;
    }
    if (Date.now() > deadline) {
      throw new Error(`report ${id} still ${remoteWorkReport.status}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
