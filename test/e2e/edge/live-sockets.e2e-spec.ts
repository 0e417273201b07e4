import { JwtService } from '@nestjs/jwt';
import WebSocket from 'ws';
import { authConfig } from '../../../src/config/configuration';
import { jwtSecretKey } from '../../../src/shared/auth/jwt-key';
import { codeIn } from '../../support/sms-gateway';
import type { GqlWsClient } from '../../support/graphql-client';
import { AUTH_FIELDS, LOGIN, ME, registerAccount, type Account } from '../auth/auth-e2e.helpers';
import {
  ADD_EMPLOYEE,
  headOfNewOrganization,
  LOGIN_WITH_CODE,
  REMOVE_EMPLOYEE,
  REQUEST_CODE,
  startOrganizationsApp,
  type OrganizationsHarness,
} from '../organizations/organizations-e2e.helpers';

const NOTIFICATIONS = 'subscription { notificationReceived { id } }';
const DOCUMENTS = 'subscription { documentStatusChanged { id } }';
const LOGOUT = 'mutation { logout }';
const SESSIONS = '{ sessions { id current } }';
const REVOKE = 'mutation($id: ID!) { revokeSession(sessionId: $id) }';
const REQUEST_RESET =
  'mutation($login: String!) { requestPasswordReset(login: $login, channel: SMS) }';
const RESET = `mutation($login: String!, $code: String!, $password: String!) {
  resetPassword(login: $login, code: $code, newPassword: $password)
}`;
const LOGIN_AGAIN = `mutation($login: String!, $password: String!) { login(login: $login, password: $password) { ${AUTH_FIELDS} } }`;

/** Resolves with the socket's close code, or rejects when it stays open past the timeout. */
async function closeCode(ws: GqlWsClient, timeoutMs = 5000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!ws.closeEvent) {
    if (Date.now() > deadline) {
      throw new Error('the socket stayed open');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return ws.closeEvent.code;
}

describe('live subscriptions end when the right to them ends', () => {
  let h: OrganizationsHarness;
  const sockets: GqlWsClient[] = [];

  beforeAll(async () => {
    h = await startOrganizationsApp();
  });

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await h.close();
  });

  /** A signed-in socket with a live subscription on it (so the server has something to stop). */
  async function liveSocket(token: string): Promise<GqlWsClient> {
    const ws = h.gql.ws(token);
    sockets.push(ws);
    await ws.connected;
    ws.subscribe(NOTIFICATIONS);
    expect((await ws.subscribe(ME).next()).data?.me).toBeDefined();
    return ws;
  }

  async function signIn(account: Account) {
    return (await h.gql.ok(LOGIN, { login: account.phone, password: account.password })).login as {
      accessToken: string;
    };
  }

  /** A socket on a fresh token goes on after the old one closed. */
  async function reconnects(token: string) {
    const ws = await liveSocket(token);
    expect(ws.closeEvent).toBeUndefined();
  }

  it('should close the socket with 4401 on logout, and accept a fresh token', async () => {
    const account = await registerAccount(h);
    const ws = await liveSocket(account.accessToken);
    await h.gql.ok(LOGOUT, {}, { token: account.accessToken });
    expect(await closeCode(ws)).toBe(4401);
    await reconnects((await signIn(account)).accessToken);
  });

  it('should close only the revoked session’s socket with 4401 on revokeSession', async () => {
    const account = await registerAccount(h);
    const other = await signIn(account);
    const revoked = await liveSocket(other.accessToken);
    const kept = await liveSocket(account.accessToken);
    const { sessions } = await h.gql.ok(SESSIONS, {}, { token: account.accessToken });
    const target = (sessions as { id: string; current: boolean }[]).find((s) => !s.current)!;
    await h.gql.ok(REVOKE, { id: target.id }, { token: account.accessToken });
    expect(await closeCode(revoked)).toBe(4401);
    // The caller's own session goes on.
    expect((await kept.subscribe(ME).next()).data?.me).toBeDefined();
    expect(kept.closeEvent).toBeUndefined();
  });

  it('should close every socket of the account with 4401 on a password reset', async () => {
    const account = await registerAccount(h);
    const ws = await liveSocket(account.accessToken);
    await h.gql.ok(REQUEST_RESET, { login: account.phone });
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('восстановления'));
    const password = 'Новый-пароль-2026';
    await h.gql.ok(RESET, { login: account.phone, code: codeIn(sms.text), password });
    expect(await closeCode(ws)).toBe(4401);
    const fresh = await h.gql.ok(LOGIN_AGAIN, { login: account.phone, password });
    await reconnects(fresh.login.accessToken);
  });

  it('should close the socket with 4401 when the access token expires', async () => {
    const account = await registerAccount(h);
    // The same session's token, re-signed to expire in two seconds.
    const jwt = h.t.app.get(JwtService, { strict: false });
    const config = h.t.app.get<{ jwtSecret: string }>(authConfig.KEY, { strict: false });
    const {
      exp: _exp,
      iat: _iat,
      ...claims
    } = jwt.decode<Record<string, unknown>>(account.accessToken);
    const shortLived = await jwt.signAsync(claims, {
      secret: jwtSecretKey(config.jwtSecret),
      algorithm: 'HS256',
      expiresIn: 2,
    });
    const ws = await liveSocket(shortLived);
    const started = Date.now();
    expect(await closeCode(ws, 6000)).toBe(4401);
    expect(Date.now() - started).toBeGreaterThan(500);
    await reconnects(account.accessToken);
  });

  it('should close a removed member’s socket in that organization with 4403', async () => {
    const head = await headOfNewOrganization(h);
    const employee = await registerAccount(h);
    const number = `ТН-${Date.now().toString(36)}`;
    const added = await h.gql.ok(
      ADD_EMPLOYEE,
      { input: { phone: employee.phone, role: 'EMPLOYEE', personnelNumber: number } },
      { token: head.token },
    );
    // An invitation counts once the person accepts it.
    await h.gql.ok(
      'mutation($id: ID!) { acceptMembership(membershipId: $id) { id } }',
      { id: added.addEmployee.id },
      { token: employee.accessToken },
    );
    const login = `${head.entity.inn}/${number}`;
    await h.gql.ok(REQUEST_CODE, { login });
    const sms = await h.sms.waitForMessage(employee.phone, (text) => text.includes('входа'));
    const orgToken = (await h.gql.ok(LOGIN_WITH_CODE, { login, code: codeIn(sms.text) }))
      .loginWithCode.accessToken as string;
    const inOrganization = await liveSocket(orgToken);
    const personal = await liveSocket(employee.accessToken);

    await h.gql.ok(REMOVE_EMPLOYEE, { id: added.addEmployee.id }, { token: head.token });
    expect(await closeCode(inOrganization)).toBe(4403);
    // The person's own account is not the organization's: that socket goes on.
    expect((await personal.subscribe(ME).next()).data?.me).toBeDefined();
    expect(personal.closeEvent).toBeUndefined();
  });

  it('should refuse the 21st operation of one socket and nothing before it', async () => {
    const account = await registerAccount(h);
    const ws = h.gql.ws(account.accessToken);
    sockets.push(ws);
    await ws.connected;
    const subs = Array.from({ length: 20 }, (_, i) =>
      ws.subscribe(i % 2 ? NOTIFICATIONS : DOCUMENTS),
    );
    const extra = ws.subscribe(NOTIFICATIONS);
    const failure = (await extra.failure()) as { extensions?: Record<string, unknown> }[];
    expect(failure?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      subCode: 'TOO_MANY_SUBSCRIPTIONS',
    });
    expect(failure[0]).toMatchObject({ message: expect.stringContaining('не более 20') });
    // The first twenty are still running, and stopping one frees a place.
    expect(await subs[0].failure(200)).toBeUndefined();
    subs[0].stop();
    await new Promise((r) => setTimeout(r, 100));
    expect((await ws.subscribe(ME).next()).data?.me).toBeDefined();
  });

  it('should close a socket that sends a frame over 64 KiB with 1009', async () => {
    const account = await registerAccount(h);
    const socket = new WebSocket(
      h.t.url.replace(/^http/, 'ws') + '/graphql',
      'graphql-transport-ws',
    );
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${account.accessToken}`, pad: 'x'.repeat(70 * 1024) },
      }),
    );
    expect(await closed).toBe(1009);
  });
});
