// Shared by the organizations e2e files: boots the real app with a test CA in TRUSTED_CA_FILE,
// a real SMS gateway and a scripted person registry; people with a verified SNILS are made
// through the real registration and SNILS check.
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestCa,
  issueQualifiedCertificate,
  issueTestCrl,
  trustedBundlePem,
  type QualifiedCertificateOptions,
  type TestCa,
  type TestQualifiedCertificate,
} from '../../support/pki/test-pki';
import { extractCertificateSubject } from '../../../src/modules/organizations/signature/certificate-subject';
import type { GqlResponse } from '../../support/graphql-client';
import { registerAccount, USER_FIELDS, type Account } from '../auth/auth-e2e.helpers';
import {
  PROFILE_ME,
  randomSnils,
  startProfileApp,
  SUBMIT_SNILS,
  UPDATE_PROFILE,
  type ProfileHarness,
} from '../profile/profile-e2e.helpers';

export interface OrganizationsHarness extends ProfileHarness {
  /** The CA of TRUSTED_CA_FILE. */
  ca: TestCa;
  /** A CA the app does not trust. */
  untrustedCa: TestCa;
  /** TRUSTED_CRL_DIR: holds a fresh CRL of `ca` revoking nothing, unless the env says otherwise. */
  crlDir: string;
}

export async function startOrganizationsApp(
  env: Record<string, string> = {},
): Promise<OrganizationsHarness> {
  const ca = await createTestCa({ name: 'Тестовый аккредитованный УЦ', keyAlgorithm: 'RSA' });
  const untrustedCa = await createTestCa({ name: 'Посторонний УЦ', keyAlgorithm: 'EC' });
  const dir = await mkdtemp(join(tmpdir(), 'kabinet-trusted-ca-'));
  const file = join(dir, 'trusted-ca.pem');
  await writeFile(file, trustedBundlePem(ca));
  // Revocation is checked on every sign-in; the CRL lives in a directory, as in a closed
  // network, so certificates need no distribution point.
  const crlDir = join(dir, 'crl');
  await mkdir(crlDir);
  const crl = await issueTestCrl(ca, { nextUpdate: new Date(Date.now() + 7 * 24 * 3600 * 1000) });
  await writeFile(join(crlDir, 'ca.crl'), Buffer.from(crl.rawData));
  const h = await startProfileApp({
    env: { TRUSTED_CA_FILE: file, TRUSTED_CRL_DIR: crlDir, ...env },
  });
  return {
    ...h,
    ca,
    untrustedCa,
    crlDir,
    close: async () => {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const ORGANIZATION_FIELDS = 'id type inn ogrn kpp fullName shortName myRole createdAt';
export const SIGNED_IN_FIELDS = `accessToken refreshToken expiresIn user { ${USER_FIELDS} }
  organization { ${ORGANIZATION_FIELDS} }`;

export const REQUEST_CHALLENGE = 'mutation { requestSignatureChallenge { id nonce expiresAt } }';
export const CONFIRM_ACCOUNT_LINK = `mutation($token: String!, $password: String, $code: String) {
  confirmAccountLink(linkToken: $token, password: $password, code: $code) { ${SIGNED_IN_FIELDS} }
}`;
export const DECLINE_ACCOUNT_LINK = `mutation($token: String!) {
  declineAccountLink(linkToken: $token) { ${SIGNED_IN_FIELDS} }
}`;
export const LOGIN_WITH_SIGNATURE = `mutation($id: ID!, $certificate: String!, $signature: String!) {
  loginWithSignature(challengeId: $id, certificate: $certificate, signature: $signature) {
    ${SIGNED_IN_FIELDS}
  }
}`;
export const MY_ORGANIZATIONS = `{ myOrganizations { ${ORGANIZATION_FIELDS} } }`;
export const CURRENT_ORGANIZATION = `{ currentOrganization { ${ORGANIZATION_FIELDS} } }`;
export const SELECT_ORGANIZATION = `mutation($id: ID!) {
  selectOrganization(organizationId: $id) { ${SIGNED_IN_FIELDS} }
}`;
export const MEMBER_FIELDS = `id role status invitedAs invitationExpiresAt personnelNumber createdAt
  person { id lastName firstName middleName } grants { id system grantedAt expiresAt }`;
export const ADD_EMPLOYEE = `mutation($input: AddEmployeeInput!) { addEmployee(input: $input) { ${MEMBER_FIELDS} } }`;
export const REMOVE_EMPLOYEE = 'mutation($id: ID!) { removeEmployee(membershipId: $id) }';
export const ACCEPT_MEMBERSHIP = `mutation($id: ID!) { acceptMembership(membershipId: $id) { ${MEMBER_FIELDS} } }`;
export const DECLINE_MEMBERSHIP = 'mutation($id: ID!) { declineMembership(membershipId: $id) }';
export const MY_INVITATIONS = `{ myInvitations { ${MEMBER_FIELDS} organization { id fullName myRole } } }`;
export const MEMBERS = `query($first: Int, $after: String) {
  organizationMembers(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${MEMBER_FIELDS} } }
  }
}`;
export const GRANT_ACCESS = `mutation($id: ID!, $system: OrgSystem!, $expiresAt: DateTime) {
  grantAccess(membershipId: $id, system: $system, expiresAt: $expiresAt) { id system grantedAt expiresAt }
}`;
export const REVOKE_ACCESS = 'mutation($id: ID!) { revokeAccess(grantId: $id) }';
export const REQUEST_CODE = 'mutation($login: String!) { requestLoginCode(login: $login) }';
export const LOGIN_WITH_CODE = `mutation($login: String!, $code: String!) {
  loginWithCode(login: $login, code: $code) { ${SIGNED_IN_FIELDS} }
}`;

/** A signed-up person whose SNILS the (scripted) registry verified, with a birth date. */
export interface VerifiedPerson extends Account {
  /** As stored: `123-456-789 64`. */
  snils: string;
  /** 11 digits, as a certificate carries it. */
  snilsDigits: string;
}

/** register → birth date → submitSnils → the registry answers MATCH → VERIFIED. */
export async function personWithVerifiedSnils(h: OrganizationsHarness): Promise<VerifiedPerson> {
  const account = await registerAccount(h);
  const token = account.accessToken;
  await h.gql.ok(UPDATE_PROFILE, { input: { birthDate: '1980-02-29' } }, { token });
  const snils = randomSnils();
  await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const me = await h.gql.ok(PROFILE_ME, {}, { token });
    if (me.me.snils?.status === 'VERIFIED') {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`SNILS not verified: ${JSON.stringify(me.me.snils)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const snilsDigits = snils.replace(/\D/g, '');
  passwordsBySnils.set(snilsDigits, account.password);
  return { ...account, snils, snilsDigits };
}

// The passwords of the people made above, so a first certificate sign-in can prove the account
// its SNILS matched (ACCOUNT_LINK_REQUIRED) the way its holder would.
const passwordsBySnils = new Map<string, string>();

function digits(n: number): string {
  return Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join(
    '',
  );
}

function innCheckDigit(value: string, weights: number[]): string {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return String((sum % 11) % 10);
}

/** A legal entity's INN (10 digits) with a valid check digit. */
export function randomLegalInn(): string {
  const base = digits(9);
  return base + innCheckDigit(base, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
}

/** A person's / sole proprietor's INN (12 digits) with valid check digits. */
export function randomPersonInn(): string {
  const base = digits(10);
  const eleventh = base + innCheckDigit(base, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return eleventh + innCheckDigit(eleventh, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
}

/** OGRN (13 digits) or OGRNIP (15 digits) with a valid check digit. */
export function randomOgrn(length: 13 | 15): string {
  const base = digits(length - 1);
  const modulus = length === 13 ? 11n : 13n;
  return base + String((BigInt(base) % modulus) % 10n);
}

/** What a legal entity's qualified certificate carries. */
export interface LegalEntity {
  inn: string;
  ogrn: string;
  name: string;
}

export function randomLegalEntity(): LegalEntity {
  return {
    inn: randomLegalInn(),
    ogrn: randomOgrn(13),
    name: `ООО «Ромашка ${randomInt(0, 1_000_000)}»`,
  };
}

/** A qualified certificate of a legal entity issued to the person. */
export function legalEntityCertificate(
  ca: TestCa,
  person: { snilsDigits: string; lastName: string; firstName: string },
  entity: LegalEntity,
  overrides: Partial<QualifiedCertificateOptions> = {},
): Promise<TestQualifiedCertificate> {
  return issueQualifiedCertificate(ca, {
    snils: person.snilsDigits,
    innLe: entity.inn,
    ogrn: entity.ogrn,
    organizationName: entity.name,
    surname: person.lastName,
    givenName: person.firstName,
    commonName: entity.name,
    keyAlgorithm: 'RSA',
    ...overrides,
  });
}

/** requestSignatureChallenge, sign its nonce, loginWithSignature. */
export async function signInWithCertificate(
  h: OrganizationsHarness,
  certificate: TestQualifiedCertificate,
  options: {
    signWith?: TestQualifiedCertificate;
    /**
     * A first sign-in that matched an account of {@link personWithVerifiedSnils} by SNILS
     * (ACCOUNT_LINK_REQUIRED) proves it by its password, unless false.
     */
    linkByPassword?: boolean;
  } = {},
): Promise<GqlResponse> {
  const { requestSignatureChallenge: challenge } = await h.gql.ok(REQUEST_CHALLENGE);
  const signature = await (options.signWith ?? certificate).sign(challenge.nonce);
  const res = await h.gql.request(LOGIN_WITH_SIGNATURE, {
    id: challenge.id,
    certificate: certificate.certificatePem,
    signature,
  });
  const error = res.errors?.[0]?.extensions as { subCode?: string; linkToken?: string } | undefined;
  const subject = extractCertificateSubject(certificate.certificate);
  const password = subject.ok ? passwordsBySnils.get(subject.subject.snils) : undefined;
  if (options.linkByPassword === false || error?.subCode !== 'ACCOUNT_LINK_REQUIRED' || !password) {
    return res;
  }
  const linked = await h.gql.request(CONFIRM_ACCOUNT_LINK, { token: error.linkToken, password });
  return linked.data
    ? { ...linked, data: { loginWithSignature: linked.data.confirmAccountLink } }
    : linked;
}

/** A HEAD of a new legal entity, signed in with a qualified certificate. */
export async function headOfNewOrganization(
  h: OrganizationsHarness,
): Promise<{ person: VerifiedPerson; entity: LegalEntity; token: string; organizationId: string }> {
  const person = await personWithVerifiedSnils(h);
  const entity = randomLegalEntity();
  const certificate = await legalEntityCertificate(h.ca, person, entity);
  const res = await signInWithCertificate(h, certificate);
  if (res.errors?.length || !res.data) {
    throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
  }
  const payload = res.data.loginWithSignature;
  return {
    person,
    entity,
    token: payload.accessToken,
    organizationId: payload.organization.id,
  };
}

/** Rows the sign-in could write, to tell that a refusal wrote nothing. */
export async function organizationFootprint(
  h: OrganizationsHarness,
  userId: string,
): Promise<{ organizations: number; memberships: number; sessions: number }> {
  const [row] = await h.t.dataSource.query<
    { organizations: string; memberships: string; sessions: string }[]
  >(
    `SELECT (SELECT COUNT(*) FROM organizations) AS organizations,
            (SELECT COUNT(*) FROM memberships WHERE user_id = ?) AS memberships,
            (SELECT COUNT(*) FROM sessions WHERE user_id = ?) AS sessions`,
    [userId, userId],
  );
  return {
    organizations: Number(row.organizations),
    memberships: Number(row.memberships),
    sessions: Number(row.sessions),
  };
}

/**
 * addEmployee, then the invited person accepts with their own token: an ACTIVE member.
 * Returns the accepted membership.
 */
export async function addAndAccept(
  h: OrganizationsHarness,
  managerToken: string,
  input: Record<string, unknown>,
  inviteeToken: string,
): Promise<MemberNode> {
  const invited = await h.gql.ok(ADD_EMPLOYEE, { input }, { token: managerToken });
  const accepted = await h.gql.ok(
    ACCEPT_MEMBERSHIP,
    { id: invited.addEmployee.id },
    { token: inviteeToken },
  );
  return accepted.acceptMembership as MemberNode;
}

/** A `Membership` as MEMBER_FIELDS selects it. */
export interface MemberNode {
  id: string;
  role: string;
  status: string;
  invitedAs: string | null;
  invitationExpiresAt: string | null;
  personnelNumber: string | null;
  createdAt: string;
  person: { id: string; lastName: string; firstName: string; middleName: string | null };
  grants: { id: string; system: string; grantedAt: string; expiresAt: string | null }[];
}

/** The nodes of an `organizationMembers` page. */
export function memberNodes(page: { edges: { node: MemberNode }[] }): MemberNode[] {
  return page.edges.map((edge) => edge.node);
}
