import { randomUUID } from 'node:crypto';
import { freePort } from '../../support/app-process';
import { OidcTestClaims, OidcTestProvider } from '../../support/oidc-provider';
import { randomSnils } from '../profile/profile-e2e.helpers';
import {
  AUTH_FIELDS,
  AuthHarness,
  errorOf,
  ME,
  randomPhone,
  registerAccount,
  startAuthApp,
} from './auth-e2e.helpers';

const REDIRECT_URI = 'https://portal.example/auth/gosuslugi/callback';
const OTHER_REDIRECT_URI = 'https://portal.example/mobile/callback';
const START = `query($uri: String!) { federatedLoginStart(redirectUri: $uri) { url state } }`;
const COMPLETE = `mutation($code: String!, $state: String!) {
  completeFederatedLogin(code: $code, state: $state) { ${AUTH_FIELDS} }
}`;
const ME_SNILS = '{ me { id accessLevel snils { number status } } }';

describe('federated login (OpenID Connect)', () => {
  let provider: OidcTestProvider;
  let h: AuthHarness;

  beforeAll(async () => {
    provider = await OidcTestProvider.start({ redirectUris: [REDIRECT_URI, OTHER_REDIRECT_URI] });
    h = await startAuthApp({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URIS: `${REDIRECT_URI}, ${OTHER_REDIRECT_URI}`,
      OIDC_ALLOW_INSECURE_ISSUER: 'true',
    });
  });

  afterAll(async () => {
    await h?.close();
    await provider?.close();
  });

  /** A provider account with a fresh sub and the claims of a confirmed Gosuslugi person. */
  async function providerAccount(overrides: OidcTestClaims = {}) {
    const sub = randomUUID();
    const tag = sub.slice(0, 6);
    const claims: OidcTestClaims = {
      family_name: `Госуслугина${tag}`,
      given_name: 'Анна',
      middle_name: 'Петровна',
      birthdate: '1988-04-12',
      phone_number: randomPhone(),
      phone_number_verified: true,
      snils: randomSnils(),
      trusted: false,
      ...overrides,
    };
    await provider.setAccount(sub, claims);
    return { sub, claims };
  }

  /** federatedLoginStart, then the provider's pages as a browser: the code and state it returns. */
  async function authorize(sub: string, redirectUri = REDIRECT_URI) {
    const started = (await h.gql.ok(START, { uri: redirectUri })).federatedLoginStart;
    const callback = await provider.authorize(started.url, sub, redirectUri);
    return {
      started,
      url: new URL(started.url),
      code: callback.searchParams.get('code')!,
      state: callback.searchParams.get('state')!,
    };
  }

  async function rowsFor(sub: string, phone: unknown) {
    const [identities, users] = await Promise.all([
      h.t.dataSource.query('SELECT * FROM federated_identities WHERE subject = ?', [sub]),
      h.t.dataSource.query('SELECT id FROM users WHERE phone = ?', [phone]),
    ]);
    return { identities, users };
  }

  it('should send the browser to the provider with PKCE, state and nonce for an allowed redirect URI', async () => {
    const { started, url } = await authorize((await providerAccount()).sub);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get('client_id')).toBe(provider.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe(started.state);
    // The verifier and nonce stay on the server: the client sees only the challenge.
    expect(started.url).not.toContain('code_verifier');
  });

  it('should refuse a redirect URI outside the allow-list with BAD_USER_INPUT', async () => {
    for (const uri of [
      'https://evil.example/callback',
      `${REDIRECT_URI}/../../steal`,
      `${REDIRECT_URI}?next=https://evil.example`,
      REDIRECT_URI.toUpperCase(),
    ]) {
      const res = await h.gql.request(START, { uri });
      expect(errorOf(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        subCode: 'REDIRECT_URI_NOT_ALLOWED',
        fields: [{ field: 'redirectUri', message: expect.stringContaining('адрес возврата') }],
      });
    }
  });

  it('should create the account on the first login and reuse it on the second', async () => {
    const { sub, claims } = await providerAccount();
    const first = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code: first.code, state: first.state }))
      .completeFederatedLogin;
    expect(signedIn.user).toMatchObject({
      lastName: claims.family_name,
      firstName: 'Анна',
      middleName: 'Петровна',
      birthDate: '1988-04-12',
      phone: claims.phone_number,
      email: null,
    });
    expect((await h.gql.ok(ME, {}, { token: signedIn.accessToken })).me.id).toBe(signedIn.user.id);

    const second = await authorize(sub, OTHER_REDIRECT_URI);
    const again = (await h.gql.ok(COMPLETE, { code: second.code, state: second.state }))
      .completeFederatedLogin;
    expect(again.user.id).toBe(signedIn.user.id);
    expect(again.refreshToken).not.toBe(signedIn.refreshToken);

    const { identities, users } = await rowsFor(sub, claims.phone_number);
    expect(users).toEqual([{ id: signedIn.user.id }]);
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ user_id: signedIn.user.id, issuer: provider.issuer });
    const sessions = await h.t.dataSource.query('SELECT id FROM sessions WHERE user_id = ?', [
      signedIn.user.id,
    ]);
    expect(sessions).toHaveLength(2);
    // The new account got no usable password: the random secret's argon2id hash.
    const [user] = await h.t.dataSource.query('SELECT password_hash FROM users WHERE id = ?', [
      signedIn.user.id,
    ]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('should link an existing account by a phone the provider confirmed', async () => {
    const account = await registerAccount(h);
    const { sub } = await providerAccount({ phone_number: account.phone });
    const { code, state } = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code, state })).completeFederatedLogin;
    expect(signedIn.user).toMatchObject({ id: account.userId, lastName: account.lastName });
    const { identities } = await rowsFor(sub, account.phone);
    expect(identities).toEqual([expect.objectContaining({ user_id: account.userId })]);
    const audit = await h.t.dataSource.query(
      'SELECT action, fields, actor_label FROM data_access_log WHERE subject_user_id = ?',
      [account.userId],
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'CHECK', actor_label: 'Госуслуги' }),
    );
  });

  it('should link an existing account by its verified SNILS before the phone', async () => {
    const account = await registerAccount(h);
    const snils = randomSnils();
    const now = new Date();
    await h.t.dataSource.query(
      `INSERT INTO identity_documents (id, user_id, kind, number, status, in_force, submitted_at,
         verified_at, updated_at) VALUES (?, ?, 'SNILS', ?, 'VERIFIED', 1, ?, ?, ?)`,
      [randomUUID(), account.userId, snils, now, now, now],
    );
    const { sub } = await providerAccount({ snils: snils.replace(/\D/g, '') });
    const { code, state } = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code, state })).completeFederatedLogin;
    expect(signedIn.user.id).toBe(account.userId);
  });

  it('should mark the SNILS of a trusted provider account VERIFIED', async () => {
    const { sub, claims } = await providerAccount({ trusted: true });
    const { code, state } = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code, state })).completeFederatedLogin;
    const me = (await h.gql.ok(ME_SNILS, {}, { token: signedIn.accessToken })).me;
    expect(me.snils).toEqual({ number: claims.snils, status: 'VERIFIED' });
    // API.md: FULL after a trusted federated login, without a passport of ours.
    expect(me.accessLevel).toBe('FULL');
    const { identities } = await rowsFor(sub, claims.phone_number);
    expect(identities[0].trusted_at).not.toBeNull();
    const audit = await h.t.dataSource.query(
      'SELECT action, purpose FROM data_access_log WHERE subject_user_id = ?',
      [signedIn.user.id],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'UPDATE', purpose: 'Учётная запись создана по данным Госуслуг' },
        { action: 'UPDATE', purpose: 'СНИЛС подтверждён Госуслугами' },
      ]),
    );
    // A second trusted sign-in finds the SNILS already in force and writes no new document.
    const again = await authorize(sub);
    await h.gql.ok(COMPLETE, { code: again.code, state: again.state });
    const documents = await h.t.dataSource.query(
      "SELECT status, in_force FROM identity_documents WHERE user_id = ? AND kind = 'SNILS'",
      [signedIn.user.id],
    );
    expect(documents).toEqual([{ status: 'VERIFIED', in_force: 1 }]);
  });

  it('should not mark the SNILS of an untrusted provider account', async () => {
    const { sub } = await providerAccount({ trusted: false });
    const { code, state } = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code, state })).completeFederatedLogin;
    const me = (await h.gql.ok(ME_SNILS, {}, { token: signedIn.accessToken })).me;
    expect(me.snils).toBeNull();
    expect(me.accessLevel).toBe('BASIC');
  });

  it('should refuse a state used before, and an unknown one', async () => {
    const { sub } = await providerAccount();
    const { code, state } = await authorize(sub);
    await h.gql.ok(COMPLETE, { code, state });
    const reused = await h.gql.request(COMPLETE, { code, state });
    expect(errorOf(reused)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_STATE_INVALID',
    });
    const unknown = await h.gql.request(COMPLETE, { code, state: randomUUID() });
    expect(errorOf(unknown)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_STATE_INVALID',
    });
  });

  it('should refuse a tampered code, write nothing and spend the state', async () => {
    const { sub, claims } = await providerAccount();
    const { code, state } = await authorize(sub);
    const tampered = await h.gql.request(COMPLETE, { code: `${code.slice(0, -2)}xx`, state });
    expect(errorOf(tampered)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_LOGIN_FAILED',
    });
    expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
    // The state is single-use even when the attempt failed: the genuine code cannot follow it.
    const retry = await h.gql.request(COMPLETE, { code, state });
    expect(errorOf(retry).subCode).toBe('FEDERATED_STATE_INVALID');
    expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
  });

  it('should refuse a code issued for another state', async () => {
    const { sub, claims } = await providerAccount();
    const first = await authorize(sub);
    const second = await authorize(sub);
    // The code of the first request under the second state: PKCE verifier and nonce differ.
    const res = await h.gql.request(COMPLETE, { code: first.code, state: second.state });
    expect(errorOf(res)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_LOGIN_FAILED',
    });
    expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
  });

  it('should answer PROFILE_INCOMPLETE when a new account lacks a phone, writing nothing', async () => {
    const { sub } = await providerAccount({ phone_number: '', phone_number_verified: false });
    const { code, state } = await authorize(sub);
    const res = await h.gql.request(COMPLETE, { code, state });
    expect(errorOf(res)).toMatchObject({
      code: 'PROFILE_INCOMPLETE',
      subCode: 'FEDERATED_PROFILE_INCOMPLETE',
      missingFields: ['phone'],
    });
    const identities = await h.t.dataSource.query(
      'SELECT id FROM federated_identities WHERE subject = ?',
      [sub],
    );
    expect(identities).toEqual([]);
  });

  it('should not link by a phone the provider did not confirm', async () => {
    const account = await registerAccount(h);
    const { sub } = await providerAccount({
      phone_number: account.phone,
      phone_number_verified: false,
    });
    const { code, state } = await authorize(sub);
    const res = await h.gql.request(COMPLETE, { code, state });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', subCode: 'FEDERATED_PHONE_TAKEN' });
    expect(await rowsFor(sub, account.phone)).toEqual({
      identities: [],
      users: [{ id: account.userId }],
    });
  });

  it('should refuse empty arguments with BAD_USER_INPUT', async () => {
    const res = await h.gql.request(COMPLETE, { code: '', state: '' });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(res).fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'code' }),
        expect.objectContaining({ field: 'state' }),
      ]),
    );
  });
});

describe('federated login without OIDC configuration', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    // A second app in this file: its classes come from a fresh module registry, so the GraphQL
    // type metadata of the first app does not leak into this one.
    await jest.isolateModulesAsync(async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const helpers = require('./auth-e2e.helpers') as typeof import('./auth-e2e.helpers');
      h = await helpers.startAuthApp();
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should answer both operations with FEDERATED_LOGIN_NOT_CONFIGURED', async () => {
    const start = await h.gql.request(START, { uri: REDIRECT_URI });
    expect(errorOf(start)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'FEDERATED_LOGIN_NOT_CONFIGURED',
      fields: [{ field: 'redirectUri', message: expect.stringContaining('Госуслуги') }],
    });
    const complete = await h.gql.request(COMPLETE, { code: 'code', state: 'state' });
    expect(errorOf(complete)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'FEDERATED_LOGIN_NOT_CONFIGURED',
      fields: [{ field: 'state', message: expect.stringContaining('Госуслуги') }],
    });
  });
});

describe('federated login with the provider unreachable', () => {
  let h: AuthHarness;
  let closedPort: number;

  beforeAll(async () => {
    closedPort = await freePort();
    await jest.isolateModulesAsync(async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const helpers = require('./auth-e2e.helpers') as typeof import('./auth-e2e.helpers');
      h = await helpers.startAuthApp({
        // Nothing listens there: discovery fails the way it does when the provider is down.
        OIDC_ISSUER: `http://127.0.0.1:${closedPort}/oidc`,
        OIDC_CLIENT_ID: 'kabinet',
        OIDC_CLIENT_SECRET: 'kabinet-secret',
        OIDC_REDIRECT_URIS: REDIRECT_URI,
        OIDC_ALLOW_INSECURE_ISSUER: 'true',
      });
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should answer FEDERATED_PROVIDER_UNAVAILABLE and write nothing', async () => {
    const before = await h.t.dataSource.query('SELECT COUNT(*) AS n FROM federated_identities');
    const start = await h.gql.request(START, { uri: REDIRECT_URI });
    expect(errorOf(start)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      subCode: 'FEDERATED_PROVIDER_UNAVAILABLE',
    });
    const after = await h.t.dataSource.query('SELECT COUNT(*) AS n FROM federated_identities');
    expect(after).toEqual(before);
  });
});
