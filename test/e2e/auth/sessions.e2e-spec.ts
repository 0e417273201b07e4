import {
  Account,
  AUTH_FIELDS,
  AuthHarness,
  errorOf,
  LOGIN,
  ME,
  registerAccount,
  startAuthApp,
} from './auth-e2e.helpers';

const REFRESH = `mutation($token: String!) { refreshToken(refreshToken: $token) { ${AUTH_FIELDS} } }`;
const SESSIONS = '{ sessions { id createdAt lastUsedAt userAgent ip current } }';
const LOGOUT = 'mutation { logout }';
const REVOKE = 'mutation($id: ID!) { revokeSession(sessionId: $id) }';

describe('sessions', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthApp();
  });

  afterAll(async () => {
    await h?.close();
  });

  async function signIn(account: Account, userAgent = 'jest') {
    const res = await h.gql.ok(
      LOGIN,
      { login: account.phone, password: account.password },
      { headers: { 'user-agent': userAgent } },
    );
    return res.login as { accessToken: string; refreshToken: string };
  }

  it('should rotate the refresh token and keep the session', async () => {
    const account = await registerAccount(h);
    const first = await h.gql.ok(REFRESH, { token: account.refreshToken });
    const rotated = first.refreshToken;
    expect(rotated.refreshToken).not.toBe(account.refreshToken);
    expect(rotated.accessToken).not.toBe(account.accessToken);
    expect(rotated.user.id).toBe(account.userId);
    const second = await h.gql.ok(REFRESH, { token: rotated.refreshToken });
    expect((await h.gql.ok(ME, {}, { token: second.refreshToken.accessToken })).me.id).toBe(
      account.userId,
    );
    const rows = await h.t.dataSource.query(
      'SELECT token_hash FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id WHERE s.user_id = ?',
      [account.userId],
    );
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows)).not.toContain(second.refreshToken.refreshToken);
  });

  describe('absolute lifetime (SESSION_MAX_DAYS = 30)', () => {
    const DAY_MS = 24 * 3600 * 1000;

    // Moves the session's sign-in back in time; its idle expiry is left in the future.
    async function openedDaysAgo(userId: string, days: number): Promise<void> {
      await h.t.dataSource.query(
        'UPDATE sessions SET created_at = ?, expires_at = ? WHERE user_id = ?',
        [new Date(Date.now() - days * DAY_MS), new Date(Date.now() + 20 * DAY_MS), userId],
      );
    }

    it('should refuse refresh and the access token of a session signed in 30 days ago', async () => {
      const account = await registerAccount(h);
      await openedDaysAgo(account.userId, 30.01);

      const refresh = await h.gql.request(REFRESH, { token: account.refreshToken });
      expect(errorOf(refresh)).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'SESSION_MAX_AGE_REACHED',
        message: expect.stringContaining('войдите снова'),
      });
      expect(errorOf(await h.gql.request(ME, {}, { token: account.accessToken }))).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'SESSION_ENDED',
      });
      // Nothing was written by the refusal: the presented token is still unused, no new one.
      const tokens = await h.t.dataSource.query<{ used_at: Date | null }[]>(
        `SELECT rt.used_at FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
          WHERE s.user_id = ?`,
        [account.userId],
      );
      expect(tokens).toEqual([{ used_at: null }]);
      // A fresh sign-in works as usual.
      const again = await signIn(account);
      expect((await h.gql.ok(ME, {}, { token: again.accessToken })).me.id).toBe(account.userId);
    });

    it('should not let refreshing carry a session past its absolute lifetime', async () => {
      const account = await registerAccount(h);
      await openedDaysAgo(account.userId, 29.5);
      const rotated = (await h.gql.ok(REFRESH, { token: account.refreshToken })).refreshToken;
      const [row] = await h.t.dataSource.query<{ created_at: Date; expires_at: Date }[]>(
        'SELECT created_at, expires_at FROM sessions WHERE user_id = ?',
        [account.userId],
      );
      // Idle expiry would be 30 days from now; the session ends 30 days after sign-in instead.
      expect(new Date(row.expires_at).getTime()).toBe(
        new Date(row.created_at).getTime() + 30 * DAY_MS,
      );
      expect((await h.gql.ok(ME, {}, { token: rotated.accessToken })).me.id).toBe(account.userId);
      expect((await h.gql.ok(SESSIONS, {}, { token: rotated.accessToken })).sessions).toHaveLength(
        1,
      );
    });
  });

  it('should end the whole session when a rotated refresh token is reused', async () => {
    const account = await registerAccount(h);
    const rotated = (await h.gql.ok(REFRESH, { token: account.refreshToken })).refreshToken;
    const reuse = await h.gql.request(REFRESH, { token: account.refreshToken });
    expect(errorOf(reuse)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'REFRESH_TOKEN_REUSED',
    });
    // The thief's and the owner's tokens of that session are all dead now.
    const refreshAgain = await h.gql.request(REFRESH, { token: rotated.refreshToken });
    expect(errorOf(refreshAgain)).toMatchObject({ subCode: 'REFRESH_TOKEN_INVALID' });
    for (const token of [rotated.accessToken, account.accessToken]) {
      const me = await h.gql.request(ME, {}, { token });
      expect(errorOf(me)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'SESSION_ENDED' });
    }
  });

  it('should refuse an unknown refresh token', async () => {
    const res = await h.gql.request(REFRESH, { token: 'x'.repeat(43) });
    expect(errorOf(res)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'REFRESH_TOKEN_INVALID',
    });
  });

  it('should log out: access and refresh tokens stop working at once', async () => {
    const account = await registerAccount(h);
    expect((await h.gql.ok(LOGOUT, {}, { token: account.accessToken })).logout).toBe(true);
    expect(errorOf(await h.gql.request(ME, {}, { token: account.accessToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorOf(await h.gql.request(REFRESH, { token: account.refreshToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorOf(await h.gql.request(LOGOUT)).code).toBe('UNAUTHENTICATED');
  });

  it('should list sessions with the current one marked, and revoke another', async () => {
    const account = await registerAccount(h);
    const phone = await signIn(account, 'Kabinet iOS 1.0');
    const list = (await h.gql.ok(SESSIONS, {}, { token: account.accessToken })).sessions;
    expect(list).toHaveLength(2);
    const current = list.find((s: { current: boolean }) => s.current);
    const other = list.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({
      userAgent: 'Kabinet iOS 1.0',
      ip: expect.stringContaining('127.0.0.1'),
    });
    expect(current.id).not.toBe(other.id);

    expect(
      (await h.gql.ok(REVOKE, { id: other.id }, { token: account.accessToken })).revokeSession,
    ).toBe(true);
    expect(errorOf(await h.gql.request(ME, {}, { token: phone.accessToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    const after = (await h.gql.ok(SESSIONS, {}, { token: account.accessToken })).sessions;
    expect(after.map((s: { id: string }) => s.id)).toEqual([current.id]);
  });

  it("should answer NOT_FOUND for another account's session id", async () => {
    const mine = await registerAccount(h);
    const theirs = await registerAccount(h);
    const [theirSession] = (await h.gql.ok(SESSIONS, {}, { token: theirs.accessToken })).sessions;
    const res = await h.gql.request(REVOKE, { id: theirSession.id }, { token: mine.accessToken });
    expect(errorOf(res)).toMatchObject({ code: 'NOT_FOUND', subCode: 'SESSION_NOT_FOUND' });
    expect((await h.gql.ok(ME, {}, { token: theirs.accessToken })).me.id).toBe(theirs.userId);
  });

  it('should answer UNAUTHENTICATED without a token', async () => {
    for (const query of [ME, SESSIONS]) {
      expect(errorOf(await h.gql.request(query)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('should refuse graphql-ws without or with a bad token and accept a real one', async () => {
    const account = await registerAccount(h);
    for (const bad of [undefined, 'not-a-token', `${account.accessToken}x`]) {
      const ws = h.gql.ws(bad);
      await expect(ws.connected).rejects.toThrow(/4403/);
      await ws.close();
    }
    const ws = h.gql.ws(account.accessToken);
    await ws.connected;
    const me = await ws.subscribe(ME).next();
    expect(me.data).toEqual({ me: expect.objectContaining({ id: account.userId }) });
    await ws.close();

    await h.gql.ok(LOGOUT, {}, { token: account.accessToken });
    const ended = h.gql.ws(account.accessToken);
    await expect(ended.connected).rejects.toThrow(/4403/);
    await ended.close();
  });

  it('should refuse new operations on a socket opened before the session ended', async () => {
    const account = await registerAccount(h);
    const ws = h.gql.ws(account.accessToken);
    await ws.connected;
    expect((await ws.subscribe(ME).next()).data).toBeDefined();
    await h.gql.ok(LOGOUT, {}, { token: account.accessToken });
    // The socket itself closes with 4401 (live sockets); an operation that gets in before the
    // close is refused as UNAUTHENTICATED by the per-operation check.
    const failure = (await ws.subscribe(ME).failure()) as
      { extensions?: { code?: string } }[] | { code?: number };
    if (Array.isArray(failure)) {
      expect(failure[0].extensions?.code).toBe('UNAUTHENTICATED');
    } else {
      expect(failure.code).toBe(4401);
    }
    await ws.close();
  });
});
