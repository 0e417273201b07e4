import { codeIn } from '../../support/sms-gateway';
import {
  AuthHarness,
  CONFIRM,
  errorOf,
  ME,
  randomPhone,
  REGISTER,
  registerAccount,
  registrationInput,
  startAuthApp,
} from './auth-e2e.helpers';

describe('registration', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthApp();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('should keep four-byte characters in a name (utf8mb4 end to end)', async () => {
    const input = registrationInput({
      phone: randomPhone(),
      firstName: 'Анна 🌷',
      lastName: 'Ёлкина',
    });
    const started = await h.gql.ok(REGISTER, { input });
    const sms = await h.sms.waitForMessage(input.phone);
    const confirmed = await h.gql.ok(CONFIRM, {
      id: started.register.registrationId,
      code: codeIn(sms.text),
    });
    const me = await h.gql.ok(ME, {}, { token: confirmed.confirmRegistration.accessToken });
    expect(me.me).toMatchObject({ firstName: 'Анна 🌷', lastName: 'Ёлкина' });
  });

  it('should register, confirm by SMS code, sign in and answer me', async () => {
    const input = registrationInput({ phone: randomPhone(), email: 'Maria.Upper@Example.RU' });
    const started = await h.gql.ok(REGISTER, { input });
    expect(started.register.registrationId).toMatch(/^[0-9a-f-]{36}$/);
    const expiresIn = Date.parse(started.register.codeExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(250_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);

    const sms = await h.sms.waitForMessage(input.phone);
    expect(sms.text).toMatch(
      /^Код подтверждения регистрации в Кабинете: \d{6}\. Никому не сообщайте код\.$/,
    );
    const confirmed = await h.gql.ok(CONFIRM, {
      id: started.register.registrationId,
      code: codeIn(sms.text),
    });
    const auth = confirmed.confirmRegistration;
    expect(auth).toMatchObject({
      expiresIn: 900,
      user: {
        phone: input.phone,
        email: 'maria.upper@example.ru',
        lastName: input.lastName,
        firstName: input.firstName,
        middleName: input.middleName,
        birthDate: null,
        accessLevel: 'BASIC',
      },
    });
    expect(auth.refreshToken).toMatch(/^[\w-]{43}$/);

    const me = await h.gql.ok(ME, {}, { token: auth.accessToken });
    expect(me.me).toEqual(auth.user);

    const [row] = await h.t.dataSource.query(
      'SELECT password_hash, security_answer_hash FROM users WHERE id = ?',
      [auth.user.id],
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.security_answer_hash).toMatch(/^\$argon2id\$/);
    const pending = await h.t.dataSource.query(
      'SELECT COUNT(*) AS n FROM pending_registrations WHERE phone = ?',
      [input.phone],
    );
    expect(Number(pending[0].n)).toBe(0);
  });

  it('should normalise any Russian spelling of the phone to E.164', async () => {
    const digits = randomPhone().slice(2);
    const account = await registerAccount(h, {
      phone: `8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`,
    });
    const me = await h.gql.ok(ME, {}, { token: account.accessToken });
    expect(me.me.phone).toBe(`+7${digits}`);
  });

  it.each([
    ['short', 'Ab1!xyz'],
    ['digits only', '1234567890'],
    ['too long', 'x'.repeat(129)],
  ])('should refuse a %s password with BAD_USER_INPUT naming password', async (_, password) => {
    const res = await h.gql.request(REGISTER, { input: registrationInput({ password }) });
    expect(errorOf(res)).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'password' })],
    });
  });

  it('should refuse a landline or foreign phone with BAD_USER_INPUT naming phone', async () => {
    for (const phone of ['+7 495 123-45-67', '+1 202 555 0100']) {
      const res = await h.gql.request(REGISTER, { input: registrationInput({ phone }) });
      expect(errorOf(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'phone' })],
      });
    }
  });

  it('should give CONFLICT for a taken phone only at confirmation', async () => {
    const account = await registerAccount(h);
    const again = await h.gql.ok(REGISTER, {
      input: registrationInput({ phone: account.phone }),
    });
    const sms = await h.sms.waitForMessage(account.phone, (t) => t.includes('регистрации'));
    const res = await h.gql.request(CONFIRM, {
      id: again.register.registrationId,
      code: codeIn(sms.text),
    });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', subCode: 'PHONE_TAKEN' });
  });

  it('should give CONFLICT for a taken e-mail at confirmation', async () => {
    const account = await registerAccount(h);
    const input = registrationInput({ email: account.email.toUpperCase() });
    const again = await h.gql.ok(REGISTER, { input });
    const sms = await h.sms.waitForMessage(input.phone);
    const res = await h.gql.request(CONFIRM, {
      id: again.register.registrationId,
      code: codeIn(sms.text),
    });
    expect(errorOf(res)).toMatchObject({ code: 'CONFLICT', subCode: 'EMAIL_TAKEN' });
  });

  it('should refuse the sixth code even when it is right', async () => {
    const input = registrationInput();
    const started = await h.gql.ok(REGISTER, { input });
    const code = codeIn((await h.sms.waitForMessage(input.phone)).text);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await h.gql.request(CONFIRM, {
        id: started.register.registrationId,
        code: wrong,
      });
      expect(errorOf(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        subCode: 'REGISTRATION_CODE_INVALID',
        fields: [expect.objectContaining({ field: 'code' })],
      });
    }
    const sixth = await h.gql.request(CONFIRM, { id: started.register.registrationId, code });
    expect(errorOf(sixth)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'REGISTRATION_EXPIRED',
    });
  });

  it('should refuse an expired code', async () => {
    const input = registrationInput();
    const started = await h.gql.ok(REGISTER, { input });
    const code = codeIn((await h.sms.waitForMessage(input.phone)).text);
    await h.t.dataSource.query(
      'UPDATE pending_registrations SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = ?',
      [started.register.registrationId],
    );
    const res = await h.gql.request(CONFIRM, { id: started.register.registrationId, code });
    expect(errorOf(res)).toMatchObject({ subCode: 'REGISTRATION_EXPIRED' });
  });

  it('should deliver the code after the SMS gateway recovers from an outage', async () => {
    const input = registrationInput();
    const before = h.sms.requests;
    h.sms.failNextRequests(2);
    const started = await h.gql.ok(REGISTER, { input });
    const sms = await h.sms.waitForMessage(input.phone, () => true, 15_000);
    expect(h.sms.requests - before).toBe(3);
    const confirmed = await h.gql.ok(CONFIRM, {
      id: started.register.registrationId,
      code: codeIn(sms.text),
    });
    expect(confirmed.confirmRegistration.user.phone).toBe(input.phone);
  });

  it('should limit codes sent to one phone (CODE_MAX_REQUESTS an hour)', async () => {
    const phone = randomPhone();
    for (let i = 0; i < 5; i++) {
      await h.gql.ok(REGISTER, { input: registrationInput({ phone }) });
    }
    const res = await h.gql.request(REGISTER, { input: registrationInput({ phone }) });
    expect(errorOf(res)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(res).retryAfterSeconds).toBeGreaterThan(3500);
  });
});
