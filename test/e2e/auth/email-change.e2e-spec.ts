import { randomUUID } from 'node:crypto';
import { codeIn } from '../../support/sms-gateway';
import {
  Account,
  AuthHarness,
  CONFIRM_EMAIL_CHANGE,
  confirmEmail,
  errorOf,
  LOGIN,
  ME,
  registerAccount,
  REQUEST_EMAIL_CHANGE,
  startAuthApp,
} from './auth-e2e.helpers';

const UPDATE_EMAIL = `mutation($email: String) {
  updateProfile(input: { email: $email }) { id email }
}`;
const REQUEST_RESET =
  'mutation($login: String!, $channel: RecoveryChannel!) { requestPasswordReset(login: $login, channel: $channel) }';
const ME_EMAIL = '{ me { email emailConfirmed } }';

describe('e-mail change', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthApp();
  });

  afterAll(async () => {
    await h?.close();
  });

  const newAddress = () => `new-${randomUUID().slice(0, 8)}@example.ru`;

  async function storedEmail(account: Account) {
    const [row] = await h.t.dataSource.query(
      'SELECT email, email_confirmed_at FROM users WHERE id = ?',
      [account.userId],
    );
    return row as { email: string | null; email_confirmed_at: Date | null };
  }

  // The reset path runs in the queue worker: give it time to (not) send.
  const settle = () => new Promise((r) => setTimeout(r, 500));

  it('should refuse the takeover: a stolen token cannot set an e-mail and reset the password through it', async () => {
    const victim = await registerAccount(h);
    await confirmEmail(h, victim);
    const attacker = newAddress();
    const token = victim.accessToken;

    const direct = await h.gql.request(UPDATE_EMAIL, { email: attacker }, { token });
    expect(errorOf(direct)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'EMAIL_CHANGE_NEEDS_CONFIRMATION',
      message: expect.stringContaining('только с подтверждением'),
      fields: [expect.objectContaining({ field: 'email' })],
    });
    const cleared = await h.gql.request(UPDATE_EMAIL, { email: null }, { token });
    expect(errorOf(cleared).subCode).toBe('EMAIL_CHANGE_NEEDS_CONFIRMATION');
    // The same address again is no change and passes (forms send every field back).
    await h.gql.ok(UPDATE_EMAIL, { email: victim.email.toUpperCase() }, { token });

    const noPassword = await h.gql.request(REQUEST_EMAIL_CHANGE, { email: attacker }, { token });
    expect(errorOf(noPassword)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'PASSWORD_REQUIRED',
      message: 'Введите текущий пароль',
    });
    const wrongPassword = await h.gql.request(
      REQUEST_EMAIL_CHANGE,
      { email: attacker, password: 'Не-тот-пароль-1' },
      { token },
    );
    expect(errorOf(wrongPassword)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WRONG_PASSWORD',
    });

    await h.gql.ok(REQUEST_RESET, { login: attacker, channel: 'EMAIL' });
    await settle();
    expect(h.smtp.mailsTo(attacker)).toEqual([]);
    expect(await storedEmail(victim)).toMatchObject({ email: victim.email });
    const codes = await h.t.dataSource.query(
      "SELECT id FROM one_time_codes WHERE user_id = ? AND purpose <> 'LOGIN'",
      [victim.userId],
    );
    expect(codes).toHaveLength(1); // the confirmation code of the victim's own address only
  });

  it('should not take an unconfirmed e-mail as a login or a recovery channel', async () => {
    const account = await registerAccount(h);
    expect((await h.gql.ok(ME_EMAIL, {}, { token: account.accessToken })).me).toEqual({
      email: account.email,
      emailConfirmed: false,
    });
    const login = await h.gql.request(LOGIN, { login: account.email, password: account.password });
    expect(errorOf(login)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'INVALID_CREDENTIALS',
    });
    await h.gql.ok(REQUEST_RESET, { login: account.email, channel: 'EMAIL' });
    await settle();
    expect(h.smtp.mailsTo(account.email)).toEqual([]);

    // requestEmailChange with the current address confirms it.
    await confirmEmail(h, account);
    expect((await h.gql.ok(ME_EMAIL, {}, { token: account.accessToken })).me.emailConfirmed).toBe(
      true,
    );
    await h.gql.ok(LOGIN, { login: account.email, password: account.password });
  });

  it('should change the e-mail with the code sent to the new address, tell the old one and the phone, keep other sessions', async () => {
    const account = await registerAccount(h);
    await confirmEmail(h, account);
    const other = (await h.gql.ok(LOGIN, { login: account.phone, password: account.password }))
      .login;
    const next = newAddress();
    const token = account.accessToken;
    await h.gql.ok(REQUEST_EMAIL_CHANGE, { email: next, password: account.password }, { token });
    const mail = await h.smtp.waitForMail(next);
    expect(mail.subject).toBe('Подтверждение адреса электронной почты в Кабинете');
    expect(mail.text).toContain('Он действует 5 минут.');
    // Nothing changes before the code comes back.
    expect(await storedEmail(account)).toMatchObject({ email: account.email });

    const changed = await h.gql.ok(CONFIRM_EMAIL_CHANGE, { code: codeIn(mail.text) }, { token });
    expect(changed.confirmEmailChange).toEqual({
      id: account.userId,
      email: next,
      emailConfirmed: true,
    });
    const notice = await h.smtp.waitForMail(account.email, (m) => m.text.includes(next));
    expect(notice.subject).toBe('Адрес электронной почты в Кабинете изменён');
    expect(notice.text).toContain('Сейчас выполнен вход на устройствах');
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes(next));
    expect(sms).toBeTruthy();
    // Other sessions stay.
    expect((await h.gql.ok(ME, {}, { token: other.accessToken })).me.email).toBe(next);
    await h.gql.ok(LOGIN, { login: next, password: account.password });
    const old = await h.gql.request(LOGIN, { login: account.email, password: account.password });
    expect(errorOf(old).code).toBe('UNAUTHENTICATED');
  });

  it('should refuse a wrong code, and the right one after 5 wrong checks, changing nothing', async () => {
    const account = await registerAccount(h);
    const token = account.accessToken;
    const next = newAddress();
    await h.gql.ok(REQUEST_EMAIL_CHANGE, { email: next, password: account.password }, { token });
    const code = codeIn((await h.smtp.waitForMail(next)).text);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await h.gql.request(CONFIRM_EMAIL_CHANGE, { code: wrong }, { token });
      expect(errorOf(res)).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'CODE_INVALID',
        message: expect.stringContaining('Неверный или устаревший код'),
      });
    }
    const late = await h.gql.request(CONFIRM_EMAIL_CHANGE, { code }, { token });
    expect(errorOf(late).subCode).toBe('CODE_INVALID');
    expect(await storedEmail(account)).toEqual({ email: account.email, email_confirmed_at: null });
  });

  it('should refuse an address of another account with CONFLICT', async () => {
    const holder = await registerAccount(h);
    const account = await registerAccount(h);
    const res = await h.gql.request(
      REQUEST_EMAIL_CHANGE,
      { email: holder.email, password: account.password },
      { token: account.accessToken },
    );
    expect(errorOf(res)).toMatchObject({
      code: 'CONFLICT',
      subCode: 'EMAIL_TAKEN',
      message: expect.stringContaining('уже используется'),
    });
    expect(h.smtp.mailsTo(holder.email)).toEqual([]);
  });

  it('should ask an account without a password for a sign-in younger than 5 minutes', async () => {
    const account = await registerAccount(h);
    await h.t.dataSource.query('UPDATE users SET has_password = 0 WHERE id = ?', [account.userId]);
    await h.t.dataSource.query(
      'UPDATE sessions SET created_at = created_at - INTERVAL 10 MINUTE WHERE user_id = ?',
      [account.userId],
    );
    const next = newAddress();
    const stale = await h.gql.request(
      REQUEST_EMAIL_CHANGE,
      { email: next },
      { token: account.accessToken },
    );
    expect(errorOf(stale)).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'RECENT_SIGN_IN_REQUIRED',
      message: expect.stringContaining('войдите заново'),
    });
    expect(h.smtp.mailsTo(next)).toEqual([]);

    const fresh = (await h.gql.ok(LOGIN, { login: account.phone, password: account.password }))
      .login;
    await h.gql.ok(REQUEST_EMAIL_CHANGE, { email: next }, { token: fresh.accessToken });
    const code = codeIn((await h.smtp.waitForMail(next)).text);
    await h.gql.ok(CONFIRM_EMAIL_CHANGE, { code }, { token: fresh.accessToken });
    expect(await storedEmail(account)).toMatchObject({ email: next });
  });
});
