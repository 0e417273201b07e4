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

const REQUEST_CODE = 'mutation($login: String!) { requestLoginCode(login: $login) }';
const LOGIN_WITH_CODE = `mutation($login: String!, $code: String!) {
  loginWithCode(login: $login, code: $code) { ${AUTH_FIELDS} }
}`;

describe('login', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthApp();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should sign in by phone in any spelling and by e-mail in any case', async () => {
    const account = await registerAccount(h);
    await confirmEmail(h, account);
    const d = account.phone.slice(2);
    const logins = [
      account.phone,
      `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
      d,
      account.email.toUpperCase(),
    ];
    for (const login of logins) {
      const res = await h.gql.ok(LOGIN, { login, password: account.password });
      expect(res.login.user.id).toBe(account.userId);
      const me = await h.gql.ok(ME, {}, { token: res.login.accessToken });
      expect(me.me.phone).toBe(account.phone);
    }
  });

  it('should answer a wrong password and an unknown login with the identical error', async () => {
    const account = await registerAccount(h);
    const timed = async (login: string) => {
      const started = process.hrtime.bigint();
      const res = await h.gql.request(LOGIN, { login, password: 'Неверный-пароль-1' });
      return { error: errorOf(res), ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const wrong = await timed(account.phone);
    const unknown = await timed(randomPhone());
    const unknownMail = await timed('nobody-here@example.ru');
    expect(wrong.error).toEqual({
      code: 'UNAUTHENTICATED',
      subCode: 'INVALID_CREDENTIALS',
      message: 'Неверный логин или пароль',
    });
    expect(unknown.error).toEqual(wrong.error);
    expect(unknownMail.error).toEqual(wrong.error);
    // Both run one argon2 verification; an unknown login must not answer noticeably faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
  });

  it('should answer the 11th quick attempt with RATE_LIMITED and retryAfterSeconds', async () => {
    const account = await registerAccount(h);
    for (let i = 0; i < 10; i++) {
      const res = await h.gql.request(LOGIN, { login: account.phone, password: `wrong-${i}-pass` });
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
    // Even the right password is refused now, in any spelling of the login.
    const res = await h.gql.request(LOGIN, {
      login: `8${account.phone.slice(2)}`,
      password: account.password,
    });
    const error = errorOf(res);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', subCode: 'RATE_LIMITED' });
    expect(error.retryAfterSeconds).toBeGreaterThan(800);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(900);
  });

  describe('limits that cannot be turned against the account holder', () => {
    const LOGIN_AS_HOLDER = `mutation($login: String!, $password: String!, $refreshToken: String) {
      login(login: $login, password: $password, refreshToken: $refreshToken) { ${AUTH_FIELDS} }
    }`;

    async function sessionsOf(userId: string): Promise<number> {
      const [row] = await h.t.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?',
        [userId],
      );
      return Number(row.n);
    }

    it('should count failures per account, whichever of its logins is typed', async () => {
      const account = await registerAccount(h);
      // Only a confirmed address is a login.
      await confirmEmail(h, account);
      for (let i = 0; i < 10; i++) {
        const login = i % 2 === 0 ? account.phone : account.email.toUpperCase();
        const res = await h.gql.request(LOGIN, { login, password: `wrong-${i}-pass` });
        expect(errorOf(res).code).toBe('UNAUTHENTICATED');
      }
      const res = await h.gql.request(LOGIN, { login: account.email, password: account.password });
      expect(errorOf(res)).toMatchObject({ code: 'RATE_LIMITED', subCode: 'RATE_LIMITED' });
    });

    it('should let a client holding a refresh token of the account sign in past strangers’ failures', async () => {
      const account = await registerAccount(h);
      const other = await registerAccount(h);
      for (let i = 0; i < 10; i++) {
        await h.gql.request(LOGIN, { login: account.phone, password: `wrong-${i}-pass` });
      }
      const before = await sessionsOf(account.userId);
      // Without proof, with a made-up token, or with another account's token: still limited,
      // and nothing is written.
      for (const refreshToken of [null, 'made-up-token', other.refreshToken]) {
        const res = await h.gql.request(LOGIN_AS_HOLDER, {
          login: account.phone,
          password: account.password,
          refreshToken,
        });
        expect(errorOf(res)).toMatchObject({ code: 'RATE_LIMITED', subCode: 'RATE_LIMITED' });
      }
      expect(await sessionsOf(account.userId)).toBe(before);

      // The very spelling strangers locked.
      const res = await h.gql.ok(LOGIN_AS_HOLDER, {
        login: account.phone,
        password: account.password,
        refreshToken: account.refreshToken,
      });
      expect(res.login.user.id).toBe(account.userId);
      expect(await sessionsOf(account.userId)).toBe(before + 1);
    });

    it('should still limit the failures of a client holding a refresh token', async () => {
      const account = await registerAccount(h);
      const attempt = (password: string) =>
        h.gql.request(LOGIN_AS_HOLDER, {
          login: account.phone,
          password,
          refreshToken: account.refreshToken,
        });
      for (let i = 0; i < 10; i++) {
        expect(errorOf(await attempt(`wrong-${i}-pass`)).code).toBe('UNAUTHENTICATED');
      }
      expect(errorOf(await attempt(account.password))).toMatchObject({ code: 'RATE_LIMITED' });
    });

    it('should refuse a used refresh token as proof', async () => {
      const account = await registerAccount(h);
      await h.gql.ok(`mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }`, {
        t: account.refreshToken,
      });
      for (let i = 0; i < 10; i++) {
        await h.gql.request(LOGIN, { login: account.phone, password: `wrong-${i}-pass` });
      }
      const res = await h.gql.request(LOGIN_AS_HOLDER, {
        login: account.phone,
        password: account.password,
        refreshToken: account.refreshToken,
      });
      expect(errorOf(res)).toMatchObject({ code: 'RATE_LIMITED' });
    });
  });

  it('should count parallel attempts exactly (no race past the limit)', async () => {
    const account = await registerAccount(h);
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        h.gql.request(LOGIN, { login: account.phone, password: `wrong-password-${i}` }),
      ),
    );
    const codes = results.map((res) => errorOf(res).code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('should sign in with an SMS code', async () => {
    const account = await registerAccount(h);
    expect((await h.gql.ok(REQUEST_CODE, { login: account.phone })).requestLoginCode).toBe(true);
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('для входа'));
    expect(sms.text).toMatch(/^Код для входа в Кабинет: \d{6}\. Никому не сообщайте код\.$/);
    const res = await h.gql.ok(LOGIN_WITH_CODE, { login: account.phone, code: codeIn(sms.text) });
    expect(res.loginWithCode.user.id).toBe(account.userId);
    // Used once only.
    const again = await h.gql.request(LOGIN_WITH_CODE, {
      login: account.phone,
      code: codeIn(sms.text),
    });
    expect(errorOf(again)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
  });

  it('should answer true for an unknown phone and send nothing', async () => {
    const phone = randomPhone();
    expect((await h.gql.ok(REQUEST_CODE, { login: phone })).requestLoginCode).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.sms.messagesTo(phone)).toEqual([]);
    const res = await h.gql.request(LOGIN_WITH_CODE, { login: phone, code: '123456' });
    expect(errorOf(res)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
  });

  it('should answer true for an unknown employee login, as for any unknown login', async () => {
    const res = await h.gql.ok(REQUEST_CODE, { login: '7707083893/ТН-42' });
    expect(res.requestLoginCode).toBe(true);
  });

  it('should refuse the sixth code check even with the right code', async () => {
    const account = await registerAccount(h);
    await h.gql.ok(REQUEST_CODE, { login: account.phone });
    const code = codeIn(
      (await h.sms.waitForMessage(account.phone, (t) => t.includes('входа'))).text,
    );
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await h.gql.request(LOGIN_WITH_CODE, { login: account.phone, code: wrong });
      expect(errorOf(res).subCode).toBe('CODE_INVALID');
    }
    const sixth = await h.gql.request(LOGIN_WITH_CODE, { login: account.phone, code });
    expect(errorOf(sixth)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
  });

  it('should refuse an expired code', async () => {
    const account = await registerAccount(h);
    await h.gql.ok(REQUEST_CODE, { login: account.phone });
    const code = codeIn(
      (await h.sms.waitForMessage(account.phone, (t) => t.includes('входа'))).text,
    );
    await h.t.dataSource.query(
      'UPDATE one_time_codes SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE user_id = ?',
      [account.userId],
    );
    const res = await h.gql.request(LOGIN_WITH_CODE, { login: account.phone, code });
    expect(errorOf(res)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
  });

  it('should store codes only as hashes', async () => {
    const account = await registerAccount(h);
    await h.gql.ok(REQUEST_CODE, { login: account.phone });
    const code = codeIn(
      (await h.sms.waitForMessage(account.phone, (t) => t.includes('входа'))).text,
    );
    const rows = await h.t.dataSource.query(
      'SELECT code_hash, destination, purpose FROM one_time_codes WHERE user_id = ?',
      [account.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ destination: account.phone, purpose: 'LOGIN' });
    expect(rows[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].code_hash).not.toContain(code);
  });

  it('should limit login codes per phone and refuse a login that is not a phone', async () => {
    const phone = randomPhone();
    for (let i = 0; i < 5; i++) {
      await h.gql.ok(REQUEST_CODE, { login: phone });
    }
    const limited = await h.gql.request(REQUEST_CODE, { login: phone });
    expect(errorOf(limited)).toMatchObject({ code: 'RATE_LIMITED' });
    const mail = await h.gql.request(REQUEST_CODE, { login: 'someone@example.ru' });
    expect(errorOf(mail)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'CODE_LOGIN_NOT_SUPPORTED',
    });
  });
});
