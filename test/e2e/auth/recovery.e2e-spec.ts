import { randomUUID } from 'node:crypto';
import { codeIn } from '../../support/sms-gateway';
import {
  AuthHarness,
  confirmEmail,
  errorOf,
  LOGIN,
  ME,
  randomPhone,
  registerAccount,
  startAuthApp,
} from './auth-e2e.helpers';

const REQUEST_RESET =
  'mutation($login: String!, $channel: RecoveryChannel!) { requestPasswordReset(login: $login, channel: $channel) }';
const RESET = `mutation($login: String!, $code: String!, $password: String!) {
  resetPassword(login: $login, code: $code, newPassword: $password)
}`;
const RESET_BY_ANSWER = `mutation($login: String!, $answer: String!, $password: String!) {
  resetPasswordWithSecurityAnswer(login: $login, answer: $answer, newPassword: $password)
}`;
const CHANGE = `mutation($current: String!, $password: String!) {
  changePassword(currentPassword: $current, newPassword: $password)
}`;

describe('password recovery and change', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthApp();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should reset the password with an SMS code and end every session', async () => {
    const account = await registerAccount(h);
    await confirmEmail(h, account);
    const other = (await h.gql.ok(LOGIN, { login: account.email, password: account.password }))
      .login;
    const res = await h.gql.ok(REQUEST_RESET, { login: account.phone, channel: 'SMS' });
    expect(res.requestPasswordReset).toBe(true);
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('восстановления'));
    expect(sms.text).toMatch(/^Код для восстановления пароля в Кабинете: \d{6}\./);

    const weak = await h.gql.request(RESET, {
      login: account.phone,
      code: codeIn(sms.text),
      password: '12345678',
    });
    expect(errorOf(weak)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'newPassword' })],
    });

    const done = await h.gql.ok(RESET, {
      login: account.phone,
      code: codeIn(sms.text),
      password: 'Новый-пароль-2026',
    });
    expect(done.resetPassword).toBe(true);
    for (const token of [account.accessToken, other.accessToken]) {
      expect(errorOf(await h.gql.request(ME, {}, { token })).code).toBe('UNAUTHENTICATED');
    }
    const old = await h.gql.request(LOGIN, { login: account.phone, password: account.password });
    expect(errorOf(old).code).toBe('UNAUTHENTICATED');
    await h.gql.ok(LOGIN, { login: account.phone, password: 'Новый-пароль-2026' });
  });

  it('should send the reset code by e-mail when asked', async () => {
    const account = await registerAccount(h);
    await confirmEmail(h, account);
    await h.gql.ok(REQUEST_RESET, { login: account.email, channel: 'EMAIL' });
    const mail = await h.smtp.waitForMail(account.email);
    expect(mail.subject).toBe('Восстановление пароля в Кабинете');
    expect(mail.text).toContain('Код для восстановления пароля в Кабинете:');
    expect(mail.text).toContain('Он действует 5 минут.');
    await h.gql.ok(RESET, {
      login: account.email,
      code: codeIn(mail.text),
      password: 'Почтовый-пароль-1',
    });
    await h.gql.ok(LOGIN, { login: account.email, password: 'Почтовый-пароль-1' });
  });

  it('should answer true for an unknown login and send nothing', async () => {
    const phone = randomPhone();
    const ghost = `ghost-${randomUUID()}@example.ru`;
    const res = await h.gql.ok(REQUEST_RESET, { login: phone, channel: 'SMS' });
    expect(res.requestPasswordReset).toBe(true);
    const mail = await h.gql.ok(REQUEST_RESET, { login: ghost, channel: 'EMAIL' });
    expect(mail.requestPasswordReset).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.sms.messagesTo(phone)).toEqual([]);
    expect(h.smtp.mailsTo(ghost)).toEqual([]);
    const reset = await h.gql.request(RESET, {
      login: phone,
      code: '123456',
      password: 'Abcdefgh1',
    });
    expect(errorOf(reset)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
  });

  it('should allow 3 security answers a day, announce each by SMS and e-mail, refuse the 4th', async () => {
    const account = await registerAccount(h);
    await confirmEmail(h, account);
    const tryAnswer = (answer: string, password = 'Ответ-пароль-1') =>
      h.gql.request(RESET_BY_ANSWER, { login: account.phone, answer, password });

    for (const wrong of ['Барсик', 'Шарик']) {
      expect(errorOf(await tryAnswer(wrong))).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'INVALID_CREDENTIALS',
      });
      const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('контрольный'));
      expect(sms.text).toContain('неверный ответ на контрольный вопрос');
      const mail = await h.smtp.waitForMail(account.email);
      expect(mail.subject).toBe('Восстановление пароля по контрольному вопросу');
      expect(mail.text).toContain('неверный ответ');
    }

    // Case and spaces do not matter.
    const right = await tryAnswer(`  ${account.answer.toUpperCase().replace(' ', '  ')} `);
    expect(right.errors).toBeUndefined();
    expect(right.data?.resetPasswordWithSecurityAnswer).toBe(true);
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('контрольный'));
    expect(sms.text).toMatch(/^Пароль в Кабинете изменён с помощью ответа на контрольный вопрос/);
    expect((await h.smtp.waitForMail(account.email)).text).toContain('Пароль в Кабинете изменён');
    expect(errorOf(await h.gql.request(ME, {}, { token: account.accessToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    await h.gql.ok(LOGIN, { login: account.phone, password: 'Ответ-пароль-1' });

    const fourth = errorOf(await tryAnswer(account.answer, 'Другой-пароль-2'));
    expect(fourth).toMatchObject({ code: 'RATE_LIMITED' });
    expect(fourth.retryAfterSeconds).toBeGreaterThan(23 * 3600);
    // The same account through another login shares the 3 tries.
    const viaEmail = await h.gql.request(RESET_BY_ANSWER, {
      login: account.email,
      answer: account.answer,
      password: 'Другой-пароль-2',
    });
    expect(errorOf(viaEmail).code).toBe('RATE_LIMITED');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.sms.messagesTo(account.phone).filter((t) => t.includes('контрольный'))).toHaveLength(
      3,
    );
  });

  it('should refuse an unknown login with the same error as a wrong answer', async () => {
    const res = await h.gql.request(RESET_BY_ANSWER, {
      login: randomPhone(),
      answer: 'Мурка',
      password: 'Abcdefgh1',
    });
    expect(errorOf(res)).toEqual({
      code: 'UNAUTHENTICATED',
      subCode: 'INVALID_CREDENTIALS',
      message: 'Неверный логин или ответ на контрольный вопрос',
    });
  });

  it('should change the password, keeping this session and ending the others', async () => {
    const account = await registerAccount(h);
    const other = (await h.gql.ok(LOGIN, { login: account.phone, password: account.password }))
      .login;
    const wrong = await h.gql.request(
      CHANGE,
      { current: 'not-my-password', password: 'Сменённый-пароль-1' },
      { token: account.accessToken },
    );
    expect(errorOf(wrong)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WRONG_PASSWORD',
      fields: [expect.objectContaining({ field: 'currentPassword' })],
    });
    const weak = await h.gql.request(
      CHANGE,
      { current: account.password, password: 'short' },
      { token: account.accessToken },
    );
    expect(errorOf(weak)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'newPassword' })],
    });
    const ok = await h.gql.ok(
      CHANGE,
      { current: account.password, password: 'Сменённый-пароль-1' },
      { token: account.accessToken },
    );
    expect(ok.changePassword).toBe(true);
    expect((await h.gql.ok(ME, {}, { token: account.accessToken })).me.id).toBe(account.userId);
    expect(errorOf(await h.gql.request(ME, {}, { token: other.accessToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    await h.gql.ok(LOGIN, { login: account.phone, password: 'Сменённый-пароль-1' });
    const unauthenticated = await h.gql.request(CHANGE, { current: 'a', password: 'Abcdefgh1' });
    expect(errorOf(unauthenticated).code).toBe('UNAUTHENTICATED');
  });
});
