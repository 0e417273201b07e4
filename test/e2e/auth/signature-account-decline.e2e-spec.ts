// "Not my account" after an e-signature sign-in matched an account by a SNILS that only a
// knowledge check verified (the SNILS pre-hijack), and the way back from an organization's
// context to one's own account.
import { codeIn } from '../../support/sms-gateway';
import {
  CURRENT_ORGANIZATION,
  headOfNewOrganization,
  legalEntityCertificate,
  organizationFootprint,
  OrganizationsHarness,
  personWithVerifiedSnils,
  randomLegalEntity,
  signInWithCertificate,
  SIGNED_IN_FIELDS,
  startOrganizationsApp,
  VerifiedPerson,
} from '../organizations/organizations-e2e.helpers';
import { PROFILE_ME, UPDATE_PROFILE } from '../profile/profile-e2e.helpers';
import { confirmEmail, errorOf, randomPhone } from './auth-e2e.helpers';

const REQUEST_PHONE_CODE = `mutation($token: String!, $phone: String!) {
  requestNewAccountPhoneCode(linkToken: $token, phone: $phone)
}`;
const DECLINE = `mutation($token: String!, $phone: String, $code: String) {
  declineAccountLink(linkToken: $token, phone: $phone, code: $code) { ${SIGNED_IN_FIELDS} }
}`;
const LEAVE = `mutation { leaveOrganizationContext { ${SIGNED_IN_FIELDS} } }`;

/** The phone in the E.164 form the account and the SMS gateway use. */
function e164(phone: string): string {
  return `+7${phone.replace(/\D/g, '').slice(-10)}`;
}

describe('auth: declining an e-signature account link with a phone proven by SMS', () => {
  let h: OrganizationsHarness;

  beforeAll(async () => {
    h = await startOrganizationsApp();
  });

  afterAll(async () => {
    await h.close();
  });

  // The attacker's account holds the victim's SNILS, VERIFIED by the registry's knowledge
  // check; the victim signs with a qualified certificate of that SNILS and gets a link token.
  async function preHijack(options: { confirmAttackerEmail?: boolean } = {}) {
    const attacker = await personWithVerifiedSnils(h);
    if (options.confirmAttackerEmail) {
      await confirmEmail(h, attacker);
    }
    const victim = {
      snilsDigits: attacker.snilsDigits,
      lastName: 'Жертвова',
      firstName: 'Анна Петровна',
    };
    const entity = randomLegalEntity();
    const certificate = await legalEntityCertificate(h.ca, victim, entity);
    const refusal = await signInWithCertificate(h, certificate, { linkByPassword: false });
    const error = errorOf(refusal);
    expect(error.subCode).toBe('ACCOUNT_LINK_REQUIRED');
    return { attacker, certificate, entity, linkToken: error.linkToken as string };
  }

  async function phoneCode(linkToken: string, phone: string): Promise<string> {
    await h.gql.ok(REQUEST_PHONE_CODE, { token: linkToken, phone });
    const sms = await h.sms.waitForMessage(e164(phone), (t) => t.includes('новой учётной записи'));
    return codeIn(sms.text);
  }

  // Everything a decline writes, to tell that a refusal wrote nothing.
  async function footprint(attacker: VerifiedPerson, phone: string) {
    const [row] = await h.t.dataSource.query<
      { users: string; snils: string | null; identities: string; log: string }[]
    >(
      `SELECT (SELECT COUNT(*) FROM users WHERE phone = ?) AS users,
              (SELECT status FROM identity_documents
                WHERE user_id = ? AND kind = 'SNILS' AND in_force = 1) AS snils,
              (SELECT COUNT(*) FROM signature_identities WHERE snils = ?) AS identities,
              (SELECT COUNT(*) FROM data_access_log WHERE subject_user_id = ?) AS log`,
      [e164(phone), attacker.userId, attacker.snils, attacker.userId],
    );
    return {
      users: Number(row.users),
      attackerSnils: row.snils,
      identities: Number(row.identities),
      attackerLog: Number(row.log),
      ...(await organizationFootprint(h, attacker.userId)),
    };
  }

  it('should end the SNILS pre-hijack: the victim gets a verified account of their own, the attacker’s SNILS is DISPUTED', async () => {
    const { attacker, certificate, entity, linkToken } = await preHijack({
      confirmAttackerEmail: true,
    });
    const phone = randomPhone();
    const code = await phoneCode(linkToken, phone);

    const declined = (await h.gql.ok(DECLINE, { token: linkToken, phone, code }))
      .declineAccountLink;
    expect(declined.user).toMatchObject({
      lastName: 'Жертвова',
      firstName: 'Анна',
      middleName: 'Петровна',
      phone: e164(phone),
    });
    expect(declined.user.id).not.toBe(attacker.userId);
    // What the e-signature sign-in makes of its signer: HEAD of the certificate's organization.
    expect(declined.organization).toMatchObject({ inn: entity.inn, myRole: 'HEAD' });

    const victimMe = (await h.gql.ok(PROFILE_ME, {}, { token: declined.accessToken })).me;
    expect(victimMe.snils).toMatchObject({ number: attacker.snils, status: 'VERIFIED' });
    const attackerDocs = await h.t.dataSource.query(
      "SELECT status, in_force FROM identity_documents WHERE user_id = ? AND kind = 'SNILS'",
      [attacker.userId],
    );
    expect(attackerDocs).toEqual([{ status: 'DISPUTED', in_force: 0 }]);

    // Both holders are told; both access logs record it.
    const disputedSms = await h.sms.waitForMessage(attacker.phone, (t) => t.includes('оспорен'));
    expect(disputedSms.text).toContain('СНИЛС');
    const mail = await h.smtp.waitForMail(attacker.email, (m) => m.text.includes('оспорен'));
    expect(mail.subject).toBe('СНИЛС в вашей учётной записи Кабинета оспорен');
    await h.sms.waitForMessage(e164(phone), (t) => t.includes('Создана ваша учётная запись'));
    const purposes = async (userId: string): Promise<string[]> =>
      (
        await h.t.dataSource.query<{ purpose: string }[]>(
          'SELECT purpose FROM data_access_log WHERE subject_user_id = ?',
          [userId],
        )
      ).map((row) => row.purpose);
    expect(await purposes(attacker.userId)).toContain(
      'СНИЛС оспорен: владелец подтвердил его квалифицированной электронной подписью',
    );
    expect(await purposes(declined.user.id)).toEqual(
      expect.arrayContaining([
        'Учётная запись создана по квалифицированной электронной подписи',
        'СНИЛС подтверждён квалифицированной электронной подписью и снят с другой учётной записи',
      ]),
    );

    // The link token worked once.
    const reused = await h.gql.request(DECLINE, { token: linkToken, phone, code });
    expect(errorOf(reused)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'LINK_TOKEN_INVALID',
    });

    // The certificate is the victim's now: once the birth date is filled in (a certificate has
    // none), the next e-signature sign-in lands in the victim's account directly.
    const noBirthDate = await signInWithCertificate(h, certificate, { linkByPassword: false });
    expect(errorOf(noBirthDate)).toMatchObject({
      code: 'PROFILE_INCOMPLETE',
      missingFields: ['birthDate'],
    });
    await h.gql.ok(
      UPDATE_PROFILE,
      { input: { birthDate: '1985-05-05' } },
      { token: declined.accessToken },
    );
    const direct = await signInWithCertificate(h, certificate, { linkByPassword: false });
    expect(direct.errors).toBeUndefined();
    expect(direct.data!.loginWithSignature.user.id).toBe(declined.user.id);
  });

  it('should refuse a wrong code (CODE_INVALID), writing nothing and keeping the link token', async () => {
    const { attacker, linkToken } = await preHijack();
    const phone = randomPhone();
    const code = await phoneCode(linkToken, phone);
    const before = await footprint(attacker, phone);
    const wrong = code === '000000' ? '111111' : '000000';

    const res = await h.gql.request(DECLINE, { token: linkToken, phone, code: wrong });
    expect(errorOf(res)).toMatchObject({ code: 'UNAUTHENTICATED', subCode: 'CODE_INVALID' });
    // The code is bound to the phone it went to.
    const otherPhone = await h.gql.request(DECLINE, {
      token: linkToken,
      phone: randomPhone(),
      code,
    });
    expect(errorOf(otherPhone)).toMatchObject({ subCode: 'CODE_INVALID' });
    expect(await footprint(attacker, phone)).toEqual(before);
    expect(before).toMatchObject({ users: 0, attackerSnils: 'VERIFIED', identities: 0 });

    // The right code still works within its 5 checks.
    const declined = await h.gql.ok(DECLINE, { token: linkToken, phone, code });
    expect(declined.declineAccountLink.user.phone).toBe(e164(phone));
  });

  it('should spend a code after 5 checks, even when the sixth is right', async () => {
    const { attacker, linkToken } = await preHijack();
    const phone = randomPhone();
    const code = await phoneCode(linkToken, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await h.gql.request(DECLINE, { token: linkToken, phone, code: wrong });
      expect(errorOf(res).subCode).toBe('CODE_INVALID');
    }
    const late = await h.gql.request(DECLINE, { token: linkToken, phone, code });
    expect(errorOf(late).subCode).toBe('CODE_INVALID');
    expect((await footprint(attacker, phone)).users).toBe(0);
  });

  it('should refuse a phone of an existing account (NEW_ACCOUNT_PHONE_TAKEN) only after it is proven, writing nothing', async () => {
    const { attacker, linkToken } = await preHijack();
    const other = await personWithVerifiedSnils(h);
    const before = await footprint(attacker, other.phone);
    // Asking for a code tells nothing about the phone.
    const code = await phoneCode(linkToken, other.phone);

    const res = await h.gql.request(DECLINE, { token: linkToken, phone: other.phone, code });
    expect(errorOf(res)).toMatchObject({
      code: 'CONFLICT',
      subCode: 'NEW_ACCOUNT_PHONE_TAKEN',
      fields: [{ field: 'phone' }],
    });
    expect(await footprint(attacker, other.phone)).toEqual(before);

    // The attacker's own phone is taken too; the link token still stands for another phone.
    const attackersCode = await phoneCode(linkToken, attacker.phone);
    const own = await h.gql.request(DECLINE, {
      token: linkToken,
      phone: attacker.phone,
      code: attackersCode,
    });
    expect(errorOf(own).subCode).toBe('NEW_ACCOUNT_PHONE_TAKEN');
    const phone = randomPhone();
    const fresh = await phoneCode(linkToken, phone);
    await h.gql.ok(DECLINE, { token: linkToken, phone, code: fresh });
  });

  it('should refuse a decline without the phone and its code (NEW_ACCOUNT_PHONE_REQUIRED), writing nothing', async () => {
    const { attacker, linkToken } = await preHijack();
    const phone = randomPhone();
    const before = await footprint(attacker, phone);
    const bare = await h.gql.request(DECLINE, { token: linkToken });
    expect(errorOf(bare)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'NEW_ACCOUNT_PHONE_REQUIRED',
    });
    const noCode = await h.gql.request(DECLINE, { token: linkToken, phone });
    expect(errorOf(noCode).subCode).toBe('NEW_ACCOUNT_PHONE_REQUIRED');
    // No code was ever sent for this token: any code is wrong.
    const unsent = await h.gql.request(DECLINE, { token: linkToken, phone, code: '123456' });
    expect(errorOf(unsent).subCode).toBe('CODE_INVALID');
    const landline = await h.gql.request(REQUEST_PHONE_CODE, {
      token: linkToken,
      phone: '+7 495 123-45-67',
    });
    expect(errorOf(landline).code).toBe('BAD_USER_INPUT');
    expect(await footprint(attacker, phone)).toEqual(before);
  });

  it('should refuse the link token from another client, for the code and the decline', async () => {
    const { attacker, linkToken } = await preHijack();
    const phone = randomPhone();
    const elsewhere = { headers: { 'user-agent': 'Other-Browser/1.0' } };
    const asked = await h.gql.request(REQUEST_PHONE_CODE, { token: linkToken, phone }, elsewhere);
    expect(errorOf(asked)).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'LINK_TOKEN_INVALID',
    });
    expect(h.sms.messagesTo(e164(phone))).toEqual([]);

    const code = await phoneCode(linkToken, phone);
    const before = await footprint(attacker, phone);
    const declined = await h.gql.request(DECLINE, { token: linkToken, phone, code }, elsewhere);
    expect(errorOf(declined).subCode).toBe('LINK_TOKEN_INVALID');
    expect(await footprint(attacker, phone)).toEqual(before);
    // Not spent by the other client: the one that signed still declines.
    await h.gql.ok(DECLINE, { token: linkToken, phone, code });
  });

  it('should limit the codes sent to one phone like every SMS code (CODE_MAX_REQUESTS an hour)', async () => {
    const { linkToken } = await preHijack();
    const phone = randomPhone();
    for (let i = 0; i < 5; i++) {
      await h.gql.ok(REQUEST_PHONE_CODE, { token: linkToken, phone });
    }
    const limited = await h.gql.request(REQUEST_PHONE_CODE, { token: linkToken, phone });
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
  });

  it('should refuse as NOT_A_MEMBER, writing nothing, when the certificate’s organization has a HEAD already', async () => {
    const head = await headOfNewOrganization(h);
    const attacker = await personWithVerifiedSnils(h);
    const victim = { snilsDigits: attacker.snilsDigits, lastName: 'Жертвова', firstName: 'Анна' };
    const certificate = await legalEntityCertificate(h.ca, victim, head.entity);
    const refusal = await signInWithCertificate(h, certificate, { linkByPassword: false });
    const linkToken = errorOf(refusal).linkToken as string;
    const phone = randomPhone();
    const code = await phoneCode(linkToken, phone);
    const before = await footprint(attacker, phone);

    const res = await h.gql.request(DECLINE, { token: linkToken, phone, code });
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', subCode: 'NOT_A_MEMBER' });
    expect(await footprint(attacker, phone)).toEqual(before);
    expect(h.sms.messagesTo(attacker.phone).some((t) => t.includes('оспорен'))).toBe(false);
  });
});

describe('organizations: leaveOrganizationContext', () => {
  let h: OrganizationsHarness;

  beforeAll(async () => {
    h = await startOrganizationsApp();
  });

  afterAll(async () => {
    await h.close();
  });

  it('should switch the session back to the person’s own account, ending the organization session', async () => {
    const { person, token, organizationId } = await headOfNewOrganization(h);
    const inOrganization = await h.gql.ok(CURRENT_ORGANIZATION, {}, { token });
    expect(inOrganization.currentOrganization.id).toBe(organizationId);

    const left = (await h.gql.ok(LEAVE, {}, { token })).leaveOrganizationContext;
    expect(left.user.id).toBe(person.userId);
    expect(left.organization).toBeNull();
    const personal = await h.gql.request(CURRENT_ORGANIZATION, {}, { token: left.accessToken });
    expect(errorOf(personal).code).toBe('ORGANIZATION_CONTEXT_REQUIRED');
    // The organization session ended: its access and refresh tokens stop working at once.
    const old = await h.gql.request(CURRENT_ORGANIZATION, {}, { token });
    expect(errorOf(old).code).toBe('UNAUTHENTICATED');
    const [session] = await h.t.dataSource.query<{ organization_id: string | null }[]>(
      'SELECT organization_id FROM sessions WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1',
      [person.userId],
    );
    expect(session).toEqual({ organization_id: null });

    // Already the person's own account: nothing to leave.
    const again = await h.gql.request(LEAVE, {}, { token: left.accessToken });
    expect(errorOf(again)).toMatchObject({
      code: 'CONFLICT',
      subCode: 'NOT_IN_ORGANIZATION_CONTEXT',
    });
    // And back in through selectOrganization.
    const back = await h.gql.ok(
      `mutation($id: ID!) { selectOrganization(organizationId: $id) { organization { id } } }`,
      { id: organizationId },
      { token: left.accessToken },
    );
    expect(back.selectOrganization.organization.id).toBe(organizationId);
  });

  it('should refuse a session that never had an organization, and anonymous callers', async () => {
    const person = await personWithVerifiedSnils(h);
    const res = await h.gql.request(LEAVE, {}, { token: person.accessToken });
    expect(errorOf(res)).toMatchObject({
      code: 'CONFLICT',
      subCode: 'NOT_IN_ORGANIZATION_CONTEXT',
    });
    // The refused call ended nothing.
    await h.gql.ok('{ me { id } }', {}, { token: person.accessToken });
    const anonymous = await h.gql.request(LEAVE);
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });
});
