import { randomUUID } from 'node:crypto';
import { freePort } from '../../support/app-process';
import { OidcTestClaims, OidcTestProvider } from '../../support/oidc-provider';
import { randomSnils } from '../profile/profile-e2e.helpers';
import { codeIn } from '../../support/sms-gateway';
import {
  AUTH_FIELDS,
  AuthHarness,
  confirmEmail,
  errorOf,
  LOGIN,
  ME,
  randomPhone,
  registerAccount,
  startAuthApp,
} from './auth-e2e.helpers';

const REDIRECT_URI = 'https://portal.example/auth/gosuslugi/callback';
const OTHER_REDIRECT_URI = 'https://portal.example/mobile/callback';
const START = `query($uri: String!) { federatedLoginStart(redirectUri: $uri) { url state clientBinding } }`;
const COMPLETE = `mutation($code: String!, $state: String!, $binding: String) {
  completeFederatedLogin(code: $code, state: $state, clientBinding: $binding) { ${AUTH_FIELDS} }
}`;
const ME_SNILS = '{ me { id accessLevel snils { number status } } }';
const CONFIRM_LINK = `mutation($token: String!, $password: String, $code: String) {
  confirmAccountLink(linkToken: $token, password: $password, code: $code) { ${AUTH_FIELDS} }
}`;
const REQUEST_LINK_CODE = 'mutation($token: String!) { requestAccountLinkCode(linkToken: $token) }';
const DECLINE_LINK = `mutation($token: String!) {
  declineAccountLink(linkToken: $token) { ${AUTH_FIELDS} }
}`;

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
      binding: started.clientBinding as string,
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
    const signedIn = (
      await h.gql.ok(COMPLETE, { code: first.code, state: first.state, binding: first.binding })
    ).completeFederatedLogin;
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
    const again = (
      await h.gql.ok(COMPLETE, { code: second.code, state: second.state, binding: second.binding })
    ).completeFederatedLogin;
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

  async function linkRequired(sub: string) {
    const { code, state, binding } = await authorize(sub);
    const res = await h.gql.request(COMPLETE, { code, state, binding });
    const error = errorOf(res);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      subCode: 'ACCOUNT_LINK_REQUIRED',
      message: expect.stringContaining('Подтвердите, что она ваша'),
      linkToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    return error as typeof error & { linkToken: string; proofs: string[]; maskedPhone: string };
  }

  async function sessionsOf(userId: string): Promise<number> {
    const [row] = await h.t.dataSource.query(
      'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?',
      [userId],
    );
    return Number(row.n);
  }

  async function giveVerifiedSnils(userId: string, snils: string) {
    const now = new Date();
    await h.t.dataSource.query(
      `INSERT INTO identity_documents (id, user_id, kind, number, status, in_force, submitted_at,
         verified_at, updated_at) VALUES (?, ?, 'SNILS', ?, 'VERIFIED', 1, ?, ?, ?)`,
      [randomUUID(), userId, snils, now, now, now],
    );
  }

  it('should not sign into an existing account matched by phone: ACCOUNT_LINK_REQUIRED, then the password links it', async () => {
    const account = await registerAccount(h);
    const { sub } = await providerAccount({ phone_number: account.phone });
    const refusal = await linkRequired(sub);
    expect(refusal.proofs).toEqual(['PASSWORD', 'SMS_CODE']);
    expect(refusal.maskedPhone).toBe(
      `+7 ${account.phone.slice(2, 5)} ***-**-${account.phone.slice(-2)}`,
    );
    // Nothing written: no link, no new session.
    expect((await rowsFor(sub, account.phone)).identities).toEqual([]);
    expect(await sessionsOf(account.userId)).toBe(1);

    const wrong = await h.gql.request(CONFIRM_LINK, {
      token: refusal.linkToken,
      password: 'Не-тот-пароль-1',
    });
    expect(errorOf(wrong)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'LINK_PROOF_INVALID',
      message: expect.stringContaining('Неверный пароль или код'),
    });
    const none = await h.gql.request(CONFIRM_LINK, { token: refusal.linkToken });
    expect(errorOf(none)).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'LINK_PROOF_REQUIRED' });
    // Bound to the client that got it: another browser cannot use it.
    const elsewhere = await h.gql.request(
      CONFIRM_LINK,
      { token: refusal.linkToken, password: account.password },
      { headers: { 'user-agent': 'another-browser/1.0' } },
    );
    expect(errorOf(elsewhere)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'LINK_TOKEN_INVALID',
    });
    expect((await rowsFor(sub, account.phone)).identities).toEqual([]);
    expect(await sessionsOf(account.userId)).toBe(1);

    const linked = (
      await h.gql.ok(CONFIRM_LINK, { token: refusal.linkToken, password: account.password })
    ).confirmAccountLink;
    expect(linked.user).toMatchObject({ id: account.userId, lastName: account.lastName });
    const { identities } = await rowsFor(sub, account.phone);
    expect(identities).toEqual([expect.objectContaining({ user_id: account.userId })]);
    const audit = await h.t.dataSource.query(
      'SELECT action, fields, actor_label FROM data_access_log WHERE subject_user_id = ?',
      [account.userId],
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'CHECK', actor_label: 'Госуслуги' }),
    );
    // Single use.
    const again = await h.gql.request(CONFIRM_LINK, {
      token: refusal.linkToken,
      password: account.password,
    });
    expect(errorOf(again).subCode).toBe('LINK_TOKEN_INVALID');
    // A linked identity signs in directly from now on.
    const next = await authorize(sub);
    const direct = (
      await h.gql.ok(COMPLETE, { code: next.code, state: next.state, binding: next.binding })
    ).completeFederatedLogin;
    expect(direct.user.id).toBe(account.userId);
  });

  it('should link an account matched by its verified SNILS with a code sent to its phone', async () => {
    const account = await registerAccount(h);
    const snils = randomSnils();
    await giveVerifiedSnils(account.userId, snils);
    const { sub } = await providerAccount({ snils: snils.replace(/\D/g, '') });
    const refusal = await linkRequired(sub);
    await h.gql.ok(REQUEST_LINK_CODE, { token: refusal.linkToken });
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('привязки'));
    const wrongCode = codeIn(sms.text) === '000000' ? '111111' : '000000';
    const wrong = await h.gql.request(CONFIRM_LINK, { token: refusal.linkToken, code: wrongCode });
    expect(errorOf(wrong).subCode).toBe('LINK_PROOF_INVALID');
    const linked = (
      await h.gql.ok(CONFIRM_LINK, { token: refusal.linkToken, code: codeIn(sms.text) })
    ).confirmAccountLink;
    expect(linked.user.id).toBe(account.userId);
    expect((await rowsFor(sub, account.phone)).identities).toEqual([
      expect.objectContaining({ user_id: account.userId }),
    ]);
  });

  it('should end the SNILS pre-hijack: decline gives the victim a verified account and disputes the attacker’s SNILS', async () => {
    // The attacker got the victim's SNILS VERIFIED by the registry's knowledge check.
    const attacker = await registerAccount(h);
    await confirmEmail(h, attacker);
    const snils = randomSnils();
    await giveVerifiedSnils(attacker.userId, snils);
    const { sub, claims } = await providerAccount({
      snils: snils.replace(/\D/g, ''),
      trusted: true,
    });
    const refusal = await linkRequired(sub);
    expect((await rowsFor(sub, claims.phone_number)).users).toEqual([]);

    const declined = (await h.gql.ok(DECLINE_LINK, { token: refusal.linkToken }))
      .declineAccountLink;
    expect(declined.user.id).not.toBe(attacker.userId);
    expect(declined.user.phone).toBe(claims.phone_number);
    const victimMe = (await h.gql.ok(ME_SNILS, {}, { token: declined.accessToken })).me;
    expect(victimMe.snils).toEqual({ number: snils, status: 'VERIFIED' });
    expect(victimMe.accessLevel).toBe('FULL');

    const attackerMe = (await h.gql.ok(ME_SNILS, {}, { token: attacker.accessToken })).me;
    expect(attackerMe.accessLevel).toBe('BASIC');
    const [attackerDoc] = await h.t.dataSource.query(
      "SELECT status, in_force FROM identity_documents WHERE user_id = ? AND kind = 'SNILS'",
      [attacker.userId],
    );
    expect(attackerDoc).toEqual({ status: 'DISPUTED', in_force: 0 });
    // No longer a login for the attacker.
    const bySnils = await h.gql.request(LOGIN, { login: snils, password: attacker.password });
    expect(errorOf(bySnils).code).toBe('UNAUTHENTICATED');
    // The attacker's account is told, and both access logs record it.
    const sms = await h.sms.waitForMessage(attacker.phone, (t) => t.includes('оспорен'));
    expect(sms.text).toContain('СНИЛС');
    const mail = await h.smtp.waitForMail(attacker.email, (m) => m.text.includes('оспорен'));
    expect(mail.subject).toBe('СНИЛС в вашей учётной записи Кабинета оспорен');
    const purposes = async (userId: string): Promise<string[]> =>
      (
        await h.t.dataSource.query<{ purpose: string }[]>(
          'SELECT purpose FROM data_access_log WHERE subject_user_id = ?',
          [userId],
        )
      ).map((row: { purpose: string }) => row.purpose);
    expect(await purposes(attacker.userId)).toContain(
      'СНИЛС оспорен: владелец подтвердил его через Госуслуги',
    );
    expect(await purposes(declined.user.id)).toContain(
      'СНИЛС подтверждён Госуслугами и снят с другой учётной записи',
    );
    // The victim's next Gosuslugi sign-in lands in their own account.
    const next = await authorize(sub);
    const direct = (
      await h.gql.ok(COMPLETE, { code: next.code, state: next.state, binding: next.binding })
    ).completeFederatedLogin;
    expect(direct.user.id).toBe(declined.user.id);
    const reused = await h.gql.request(DECLINE_LINK, { token: refusal.linkToken });
    expect(errorOf(reused).subCode).toBe('LINK_TOKEN_INVALID');
  });

  it('should mark the SNILS of a trusted provider account VERIFIED', async () => {
    const { sub, claims } = await providerAccount({ trusted: true });
    const { code, state, binding } = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code, state, binding })).completeFederatedLogin;
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
    await h.gql.ok(COMPLETE, { code: again.code, state: again.state, binding: again.binding });
    const documents = await h.t.dataSource.query(
      "SELECT status, in_force FROM identity_documents WHERE user_id = ? AND kind = 'SNILS'",
      [signedIn.user.id],
    );
    expect(documents).toEqual([{ status: 'VERIFIED', in_force: 1 }]);
  });

  it('should not mark the SNILS of an untrusted provider account', async () => {
    const { sub } = await providerAccount({ trusted: false });
    const { code, state, binding } = await authorize(sub);
    const signedIn = (await h.gql.ok(COMPLETE, { code, state, binding })).completeFederatedLogin;
    const me = (await h.gql.ok(ME_SNILS, {}, { token: signedIn.accessToken })).me;
    expect(me.snils).toBeNull();
    expect(me.accessLevel).toBe('BASIC');
  });

  it('should refuse a state used before, and an unknown one', async () => {
    const { sub } = await providerAccount();
    const { code, state, binding } = await authorize(sub);
    await h.gql.ok(COMPLETE, { code, state, binding });
    const reused = await h.gql.request(COMPLETE, { code, state, binding });
    expect(errorOf(reused)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_STATE_INVALID',
    });
    const unknown = await h.gql.request(COMPLETE, { code, state: randomUUID(), binding });
    expect(errorOf(unknown)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_STATE_INVALID',
    });
  });

  it('should refuse a stolen code and state without the client binding, and keep the state for its owner', async () => {
    const { sub, claims } = await providerAccount();
    const { code, state, binding } = await authorize(sub);
    // Someone who read the redirect URL (code and state) but never saw the start's answer.
    for (const stolen of [
      { code, state },
      { code, state, binding: `${binding.slice(0, -2)}xx` },
    ]) {
      const res = await h.gql.request(COMPLETE, stolen);
      expect(errorOf(res)).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'FEDERATED_BINDING_INVALID',
        message: expect.stringContaining('начните вход заново'),
      });
      expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
    }
    // The client that started the sign-in still completes it.
    const signedIn = (await h.gql.ok(COMPLETE, { code, state, binding })).completeFederatedLogin;
    expect(signedIn.user.phone).toBe(claims.phone_number);
  });

  it('should refuse a tampered code, write nothing and spend the state', async () => {
    const { sub, claims } = await providerAccount();
    const { code, state, binding } = await authorize(sub);
    const tampered = await h.gql.request(COMPLETE, {
      code: `${code.slice(0, -2)}xx`,
      state,
      binding,
    });
    expect(errorOf(tampered)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_LOGIN_FAILED',
    });
    expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
    // The state is single-use even when the attempt failed: the genuine code cannot follow it.
    const retry = await h.gql.request(COMPLETE, { code, state, binding });
    expect(errorOf(retry).subCode).toBe('FEDERATED_STATE_INVALID');
    expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
  });

  it('should refuse a code issued for another state', async () => {
    const { sub, claims } = await providerAccount();
    const first = await authorize(sub);
    const second = await authorize(sub);
    // The code of the first request under the second state: PKCE verifier and nonce differ.
    const res = await h.gql.request(COMPLETE, {
      code: first.code,
      state: second.state,
      binding: second.binding,
    });
    expect(errorOf(res)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_LOGIN_FAILED',
    });
    expect(await rowsFor(sub, claims.phone_number)).toEqual({ identities: [], users: [] });
  });

  it('should answer PROFILE_INCOMPLETE when a new account lacks a phone, writing nothing', async () => {
    const { sub } = await providerAccount({ phone_number: '', phone_number_verified: false });
    const { code, state, binding } = await authorize(sub);
    const res = await h.gql.request(COMPLETE, { code, state, binding });
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
    const { code, state, binding } = await authorize(sub);
    const res = await h.gql.request(COMPLETE, { code, state, binding });
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
