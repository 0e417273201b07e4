// Shared by the profile e2e files: boots the real app (through the auth harness) with a scripted
// person registry, and the GraphQL documents of the profile.
import { randomInt } from 'node:crypto';
import { RegistryServer } from '../../support/registry-server';
import { AuthHarness, registerAccount, startAuthApp } from '../auth/auth-e2e.helpers';
import type { Account } from '../auth/auth-e2e.helpers';

export interface ProfileHarness extends AuthHarness {
  registry: RegistryServer | null;
}

/** Boots the app with REGISTRY_DRIVER=http against a scripted registry (or the table driver). */
export async function startProfileApp(
  options: { driver?: 'http' | 'table'; env?: Record<string, string> } = {},
): Promise<ProfileHarness> {
  const driver = options.driver ?? 'http';
  const registry = driver === 'http' ? await RegistryServer.start() : null;
  const h = await startAuthApp({
    REGISTRY_DRIVER: driver,
    ...(registry ? { REGISTRY_URL: registry.url } : {}),
    ...options.env,
  });
  return {
    ...h,
    registry,
    close: async () => {
      await h.close();
      await registry?.close();
    },
  };
}

/** A random SNILS with a valid checksum, as `123-456-789 64`. */
export function randomSnils(): string {
  const digits = String(randomInt(2_000_000, 999_999_999)).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    sum += Number(digits[i]) * (9 - i);
  }
  const check = sum < 100 ? sum : sum <= 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${String(check).padStart(2, '0')}`;
}

/** A SNILS with a wrong checksum. */
export function badSnils(): string {
  const good = randomSnils();
  const last = Number(good.slice(-2));
  return `${good.slice(0, -2)}${String((last + 1) % 100).padStart(2, '0')}`;
}

export const DOC_FIELDS = 'status rejectionReason';
export const PROFILE_ME = `{ me { id accessLevel lastName firstName birthDate
  snils { number status submittedAt verifiedAt rejectionReason }
  passport { series number issuedAt issuedBy status rejectionReason }
  vehicles { id plate registrationCertificate }
  children { id lastName firstName birthDate snils schoolLogin }
  address driverLicense payerCode electricityAccount omsPolicy } }`;
export const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) {
  updateProfile(input: $input) { id lastName firstName middleName birthDate accessLevel } }`;
export const SUBMIT_SNILS = `mutation($n: String!) { submitSnils(number: $n) { number status submittedAt } }`;
export const SUBMIT_PASSPORT = `mutation($input: PassportInput!) {
  submitPassport(input: $input) { series number status } }`;
export const DOCUMENT_STATUS = `subscription { documentStatusChanged { id accessLevel
  snils { number status rejectionReason } passport { number status rejectionReason } } }`;
export const APPLICATIONS = `{ applications { totalCount edges { node { kind title status } } } }`;
export const ACCESS_LOG = `{ myDataAccessLog(first: 50) { totalCount
  edges { node { actor action fields purpose at } } } }`;

/** A registered account with a birth date (what a SNILS submission needs). */
export async function personWithBirthDate(h: ProfileHarness): Promise<Account> {
  const account = await registerAccount(h);
  await h.gql.ok(
    UPDATE_PROFILE,
    { input: { birthDate: '1985-04-12' } },
    { token: account.accessToken },
  );
  return account;
}
