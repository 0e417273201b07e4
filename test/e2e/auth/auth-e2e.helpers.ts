// Shared by the auth e2e files: boots the real app against a real HTTP SMS gateway and a real
// SMTP server, plus GraphQL documents and account helpers.
import { randomInt } from 'node:crypto';
import type { GqlError, GqlHttpClient } from '../../support/graphql-client';
import { codeIn, SmsGateway } from '../../support/sms-gateway';
import { SmtpSink } from '../../support/smtp-sink';
import type { TestApp } from '../../support/test-app';

export interface AuthHarness {
  t: TestApp;
  gql: GqlHttpClient;
  sms: SmsGateway;
  smtp: SmtpSink;
  close(): Promise<void>;
}

/**
 * Starts gateway and SMTP sink, points the app at them and boots it. The app is imported only
 * here, after the environment is set: loadEnv() caches the environment once per jest module
 * registry (one per test file), and importing the app module reads it. The previous environment
 * is restored at close (files share the process under --runInBand).
 */
export async function startAuthApp(env: Record<string, string> = {}): Promise<AuthHarness> {
  const sms = await SmsGateway.start();
  const smtp = await SmtpSink.start();
  const vars: Record<string, string> = {
    SMS_DRIVER: 'http',
    SMS_GATEWAY_URL: sms.url,
    EMAIL_DRIVER: 'smtp',
    SMTP_URL: smtp.url,
    // Every test of a run comes from 127.0.0.1 within the same 15-minute windows: the per-IP
    // limit is lifted except where a file tests it.
    LOGIN_MAX_PER_IP: '100000',
    ...env,
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  // @nestjs/graphql keeps its type metadata on `global`, which outlives jest's per-file module
  // registry: classes of earlier files (holding another registry's GraphQLID) would break this
  // file's schema ("Cannot determine a GraphQL output type"). Start from empty storages; this
  // must run before @nestjs/graphql is first loaded in this file.
  const globals = globalThis as Record<string, unknown>;
  delete globals.GqlTypeMetadataStorage;
  delete globals.GqlLazyMetadataStorageHost;
  // require, not import(): a dynamic import() would need --experimental-vm-modules under jest.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testApp = require('../../support/test-app') as typeof import('../../support/test-app');
  const t = await testApp.createTestApp();
  return {
    t,
    gql: t.gql,
    sms,
    smtp,
    close: async () => {
      await t.close();
      await sms.close();
      await smtp.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[key];
        } else {
          process.env[key] = value;
        }
      }
    },
  };
}

/** A fresh mobile number, so tests never share accounts or counters. */
export function randomPhone(): string {
  return `+7916${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

export const USER_FIELDS =
  'id lastName firstName middleName birthDate phone email accessLevel createdAt';
export const AUTH_FIELDS = `accessToken refreshToken expiresIn user { ${USER_FIELDS} }`;

export const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { registrationId codeExpiresAt }
}`;
export const CONFIRM = `mutation($id: ID!, $code: String!) {
  confirmRegistration(registrationId: $id, code: $code) { ${AUTH_FIELDS} }
}`;
export const LOGIN = `mutation($login: String!, $password: String!) {
  login(login: $login, password: $password) { ${AUTH_FIELDS} }
}`;
export const ME = `{ me { ${USER_FIELDS} } }`;

export interface Account {
  phone: string;
  email: string;
  password: string;
  answer: string;
  lastName: string;
  firstName: string;
  middleName: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
}

/** The input of a valid registration with unique phone, e-mail and names. */
export function registrationInput(overrides: Record<string, unknown> = {}) {
  const tag = randomInt(0, 1_000_000_000).toString(36);
  return {
    lastName: `Тестова${tag}`,
    firstName: `Мария${tag}`,
    middleName: `Ивановна${tag}`,
    phone: randomPhone(),
    email: `maria.${tag}@example.ru`,
    password: `Пароль-${tag}`,
    securityQuestion: 'Кличка первого питомца?',
    securityAnswer: `Мурка ${tag}`,
    ...overrides,
  };
}

/** register → SMS code → confirmRegistration; the account signed in. */
export async function registerAccount(
  h: AuthHarness,
  overrides: Record<string, unknown> = {},
): Promise<Account> {
  const input = registrationInput(overrides);
  const started = await h.gql.ok(REGISTER, { input });
  const phone = `+7${String(input.phone).replace(/\D/g, '').slice(-10)}`;
  const sms = await h.sms.waitForMessage(phone, (text) => text.includes('регистрации'));
  const confirmed = await h.gql.ok(CONFIRM, {
    id: started.register.registrationId,
    code: codeIn(sms.text),
  });
  const payload = confirmed.confirmRegistration;
  return {
    phone,
    email: input.email,
    password: input.password,
    answer: input.securityAnswer,
    lastName: input.lastName,
    firstName: input.firstName,
    middleName: input.middleName,
    userId: payload.user.id,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
  };
}

export const REQUEST_EMAIL_CHANGE = `mutation($email: String!, $password: String) {
  requestEmailChange(email: $email, currentPassword: $password)
}`;
export const CONFIRM_EMAIL_CHANGE = `mutation($code: String!) {
  confirmEmailChange(code: $code) { id email emailConfirmed }
}`;

/**
 * Proves the account's registration e-mail with the code sent to it: only a confirmed address
 * is a login and a recovery channel.
 */
export async function confirmEmail(h: AuthHarness, account: Account): Promise<void> {
  const token = account.accessToken;
  await h.gql.ok(
    REQUEST_EMAIL_CHANGE,
    { email: account.email, password: account.password },
    { token },
  );
  const mail = await h.smtp.waitForMail(account.email, (m) => m.text.includes('подтверждения'));
  const confirmed = await h.gql.ok(CONFIRM_EMAIL_CHANGE, { code: codeIn(mail.text) }, { token });
  expect(confirmed.confirmEmailChange).toMatchObject({
    email: account.email,
    emailConfirmed: true,
  });
}

/** The extensions of the only error of a response. */
export function errorOf(res: {
  errors?: GqlError[];
}): GqlError['extensions'] & { message: string } {
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors!;
  return { ...error.extensions, message: error.message };
}
