import { issueQualifiedCertificate } from '../../support/pki/test-pki';
import { errorOf, registerAccount } from '../auth/auth-e2e.helpers';
import { randomSnils, SUBMIT_SNILS, UPDATE_PROFILE } from '../profile/profile-e2e.helpers';
import {
  CONFIRM_ACCOUNT_LINK,
  CURRENT_ORGANIZATION,
  DECLINE_ACCOUNT_LINK,
  legalEntityCertificate,
  LOGIN_WITH_SIGNATURE,
  MY_ORGANIZATIONS,
  organizationFootprint,
  OrganizationsHarness,
  personWithVerifiedSnils,
  randomLegalEntity,
  randomOgrn,
  randomPersonInn,
  REQUEST_CHALLENGE,
  SELECT_ORGANIZATION,
  signInWithCertificate,
  startOrganizationsApp,
  VerifiedPerson,
} from './organizations-e2e.helpers';

const DAY_MS = 24 * 3600 * 1000;

describe('organizations: qualified e-signature sign-in', () => {
  let h: OrganizationsHarness;

  beforeAll(async () => {
    h = await startOrganizationsApp();
  });

  afterAll(async () => {
    await h.close();
  });

  it('should create a LEGAL_ENTITY with the signer as HEAD and put it into the session', async () => {
    const person = await personWithVerifiedSnils(h);
    const entity = randomLegalEntity();
    const certificate = await legalEntityCertificate(h.ca, person, entity);

    const res = await signInWithCertificate(h, certificate);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.loginWithSignature;
    expect(payload.user.id).toBe(person.userId);
    expect(payload.organization).toMatchObject({
      type: 'LEGAL_ENTITY',
      inn: entity.inn,
      ogrn: entity.ogrn,
      fullName: entity.name,
      kpp: null,
      myRole: 'HEAD',
    });

    const token = payload.accessToken;
    const current = await h.gql.ok(CURRENT_ORGANIZATION, {}, { token });
    expect(current.currentOrganization).toEqual(payload.organization);
    const mine = await h.gql.ok(MY_ORGANIZATIONS, {}, { token: person.accessToken });
    expect(mine.myOrganizations).toEqual([payload.organization]);
    const [membership] = await h.t.dataSource.query<{ role: string }[]>(
      'SELECT role FROM memberships WHERE user_id = ? AND organization_id = ?',
      [person.userId, payload.organization.id],
    );
    expect(membership.role).toBe('HEAD');
  });

  it('should reuse the organization on a later sign-in, with an ECDSA certificate too', async () => {
    const person = await personWithVerifiedSnils(h);
    const entity = randomLegalEntity();
    const first = await signInWithCertificate(
      h,
      await legalEntityCertificate(h.ca, person, entity),
    );
    const again = await signInWithCertificate(
      h,
      await legalEntityCertificate(h.ca, person, entity, { keyAlgorithm: 'EC' }),
    );
    expect(again.errors).toBeUndefined();
    expect(again.data!.loginWithSignature.organization.id).toBe(
      first.data!.loginWithSignature.organization.id,
    );
    const [count] = await h.t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM organizations WHERE inn = ?',
      [entity.inn],
    );
    expect(Number(count.n)).toBe(1);
  });

  it('should refuse a signer who is not a member of a known organization that has a HEAD (NOT_A_MEMBER)', async () => {
    const head = await personWithVerifiedSnils(h);
    const entity = randomLegalEntity();
    const first = await signInWithCertificate(h, await legalEntityCertificate(h.ca, head, entity));
    const organizationId = first.data!.loginWithSignature.organization.id;
    const outsider = await personWithVerifiedSnils(h);
    const memberships = () =>
      h.t.dataSource.query<{ user_id: string; role: string }[]>(
        'SELECT user_id, role FROM memberships WHERE organization_id = ? ORDER BY role',
        [organizationId],
      );
    const sessionsOf = async (userId: string) =>
      Number(
        (
          await h.t.dataSource.query<{ n: string }[]>(
            'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?',
            [userId],
          )
        )[0].n,
      );
    const before = await sessionsOf(outsider.userId);

    const refused = await signInWithCertificate(
      h,
      await legalEntityCertificate(h.ca, outsider, entity),
    );
    expect(errorOf(refused)).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'NOT_A_MEMBER',
      message: expect.stringContaining('не состоите в этой организации'),
    });
    expect(await memberships()).toEqual([{ user_id: head.userId, role: 'HEAD' }]);
    expect(await sessionsOf(outsider.userId)).toBe(before);

    // An organization left without any HEAD takes the signer as its HEAD.
    await h.t.dataSource.query('DELETE FROM memberships WHERE organization_id = ?', [
      organizationId,
    ]);
    const taken = await signInWithCertificate(
      h,
      await legalEntityCertificate(h.ca, outsider, entity),
    );
    expect(taken.errors).toBeUndefined();
    expect(await memberships()).toEqual([{ user_id: outsider.userId, role: 'HEAD' }]);
  });

  it('should create a SOLE_PROPRIETOR named «ИП Фамилия Имя Отчество»', async () => {
    const person = await personWithVerifiedSnils(h);
    const inn = randomPersonInn();
    const ogrnip = randomOgrn(15);
    const certificate = await issueQualifiedCertificate(h.ca, {
      snils: person.snilsDigits,
      inn,
      ogrnip,
      surname: 'Петров',
      givenName: 'Пётр Петрович',
      commonName: 'Петров Пётр Петрович',
      keyAlgorithm: 'EC',
    });
    const res = await signInWithCertificate(h, certificate);
    expect(res.errors).toBeUndefined();
    expect(res.data!.loginWithSignature.organization).toMatchObject({
      type: 'SOLE_PROPRIETOR',
      inn,
      ogrn: ogrnip,
      fullName: 'ИП Петров Пётр Петрович',
      myRole: 'HEAD',
    });
  });

  describe('refusals, each writing nothing', () => {
    let person: VerifiedPerson;

    beforeAll(async () => {
      person = await personWithVerifiedSnils(h);
      // Its certificate's SNILS linked by a first sign-in proven by password: later sign-ins
      // of the person go straight through (the challenge tests below need that).
      const linked = await signInWithCertificate(
        h,
        await legalEntityCertificate(h.ca, person, randomLegalEntity()),
      );
      expect(linked.errors).toBeUndefined();
    });

    async function expectRefusal(
      attempt: () => Promise<{ errors?: unknown[] }>,
      expected: Record<string, unknown>,
    ): Promise<void> {
      const before = await organizationFootprint(h, person.userId);
      const res = await attempt();
      expect(errorOf(res as never)).toMatchObject(expected);
      expect(await organizationFootprint(h, person.userId)).toEqual(before);
    }

    it('should refuse a certificate of an untrusted CA', async () => {
      const certificate = await legalEntityCertificate(h.untrustedCa, person, randomLegalEntity(), {
        keyAlgorithm: 'EC',
      });
      await expectRefusal(() => signInWithCertificate(h, certificate), {
        code: 'UNAUTHENTICATED',
        subCode: 'CERTIFICATE_UNTRUSTED',
        reason: 'CERTIFICATE_UNTRUSTED',
      });
    });

    it('should refuse an expired certificate', async () => {
      const certificate = await legalEntityCertificate(h.ca, person, randomLegalEntity(), {
        notBefore: new Date(Date.now() - 400 * DAY_MS),
        notAfter: new Date(Date.now() - DAY_MS),
      });
      await expectRefusal(() => signInWithCertificate(h, certificate), {
        code: 'UNAUTHENTICATED',
        reason: 'CERTIFICATE_EXPIRED',
      });
    });

    it('should refuse a signature made with another key', async () => {
      const entity = randomLegalEntity();
      const certificate = await legalEntityCertificate(h.ca, person, entity);
      const other = await legalEntityCertificate(h.ca, person, entity);
      await expectRefusal(() => signInWithCertificate(h, certificate, { signWith: other }), {
        code: 'UNAUTHENTICATED',
        reason: 'SIGNATURE_INVALID',
      });
    });

    it('should refuse a signature over another nonce', async () => {
      const certificate = await legalEntityCertificate(h.ca, person, randomLegalEntity());
      const { requestSignatureChallenge: challenge } = await h.gql.ok(REQUEST_CHALLENGE);
      await expectRefusal(
        async () =>
          h.gql.request(LOGIN_WITH_SIGNATURE, {
            id: challenge.id,
            certificate: certificate.certificatePem,
            signature: await certificate.sign(`${challenge.nonce}x`),
          }),
        { code: 'UNAUTHENTICATED', reason: 'SIGNATURE_INVALID' },
      );
    });

    it('should refuse a certificate without OGRN as not an organization’s', async () => {
      const certificate = await legalEntityCertificate(h.ca, person, randomLegalEntity(), {
        ogrn: undefined,
      });
      await expectRefusal(() => signInWithCertificate(h, certificate), {
        code: 'UNAUTHENTICATED',
        reason: 'CERTIFICATE_INVALID',
      });
    });

    it('should refuse a reused challenge, even after a successful sign-in', async () => {
      const entity = randomLegalEntity();
      const certificate = await legalEntityCertificate(h.ca, person, entity);
      const { requestSignatureChallenge: challenge } = await h.gql.ok(REQUEST_CHALLENGE);
      const variables = {
        id: challenge.id,
        certificate: certificate.certificatePem,
        signature: await certificate.sign(challenge.nonce),
      };
      const ok = await h.gql.request(LOGIN_WITH_SIGNATURE, variables);
      expect(ok.errors).toBeUndefined();
      await expectRefusal(() => h.gql.request(LOGIN_WITH_SIGNATURE, variables), {
        code: 'UNAUTHENTICATED',
        subCode: 'CHALLENGE_USED',
        reason: 'CHALLENGE_USED',
      });
    });

    it('should let only one of two racing uses of a challenge through', async () => {
      const certificate = await legalEntityCertificate(h.ca, person, randomLegalEntity());
      const { requestSignatureChallenge: challenge } = await h.gql.ok(REQUEST_CHALLENGE);
      const variables = {
        id: challenge.id,
        certificate: certificate.certificatePem,
        signature: await certificate.sign(challenge.nonce),
      };
      const results = await Promise.all([
        h.gql.request(LOGIN_WITH_SIGNATURE, variables),
        h.gql.request(LOGIN_WITH_SIGNATURE, variables),
      ]);
      expect(results.filter((r) => !r.errors).length).toBe(1);
      const refused = results.find((r) => r.errors)!;
      expect(errorOf(refused).reason).toBe('CHALLENGE_USED');
    });

    it('should refuse an expired challenge', async () => {
      const certificate = await legalEntityCertificate(h.ca, person, randomLegalEntity());
      const { requestSignatureChallenge: challenge } = await h.gql.ok(REQUEST_CHALLENGE);
      await h.t.dataSource.query(
        'UPDATE signature_challenges SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = ?',
        [challenge.id],
      );
      await expectRefusal(
        async () =>
          h.gql.request(LOGIN_WITH_SIGNATURE, {
            id: challenge.id,
            certificate: certificate.certificatePem,
            signature: await certificate.sign(challenge.nonce),
          }),
        { code: 'UNAUTHENTICATED', reason: 'CHALLENGE_EXPIRED' },
      );
    });

    it('should refuse a SNILS that is verified on no account', async () => {
      const stranger = { ...person, snilsDigits: randomSnils().replace(/\D/g, '') };
      const certificate = await legalEntityCertificate(h.ca, stranger, randomLegalEntity());
      await expectRefusal(() => signInWithCertificate(h, certificate), {
        code: 'UNAUTHENTICATED',
        subCode: 'ACCOUNT_NOT_FOUND',
        reason: 'ACCOUNT_NOT_FOUND',
      });
    });

    it('should refuse a SNILS that is still being checked', async () => {
      // The registry keeps failing, so the check stays PENDING (retried, never verified).
      const pending = await registerAccount(h);
      const token = pending.accessToken;
      await h.gql.ok(UPDATE_PROFILE, { input: { birthDate: '1979-05-01' } }, { token });
      const snils = randomSnils();
      h.registry!.always(snils, { status: 503 });
      const submitted = await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token });
      expect(submitted.submitSnils.status).toBe('PENDING');
      const signer = { ...pending, snilsDigits: snils.replace(/\D/g, '') };
      const certificate = await legalEntityCertificate(h.ca, signer, randomLegalEntity());
      const before = await organizationFootprint(h, pending.userId);
      const res = await signInWithCertificate(h, certificate);
      expect(errorOf(res)).toMatchObject({ reason: 'ACCOUNT_NOT_FOUND' });
      expect(await organizationFootprint(h, pending.userId)).toEqual(before);
      const me = await h.gql.ok('{ me { snils { status } } }', {}, { token });
      expect(me.me.snils.status).toBe('PENDING');
    });

    it('should answer PROFILE_INCOMPLETE naming birthDate when it is missing', async () => {
      const noBirthDate = await personWithVerifiedSnils(h);
      await h.t.dataSource.query('UPDATE users SET birth_date = NULL WHERE id = ?', [
        noBirthDate.userId,
      ]);
      const certificate = await legalEntityCertificate(h.ca, noBirthDate, randomLegalEntity());
      const before = await organizationFootprint(h, noBirthDate.userId);
      const res = await signInWithCertificate(h, certificate);
      expect(errorOf(res)).toMatchObject({
        code: 'PROFILE_INCOMPLETE',
        missingFields: ['birthDate'],
      });
      expect(await organizationFootprint(h, noBirthDate.userId)).toEqual(before);
    });

    it('should answer BAD_USER_INPUT for a challenge id that is not a UUID', async () => {
      const res = await h.gql.request(LOGIN_WITH_SIGNATURE, {
        id: 'not-a-uuid',
        certificate: 'x',
        signature: 'x',
      });
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('account linking (a SNILS verified by a knowledge check only)', () => {
    // The pre-hijack: the attacker's account holds the victim's SNILS, VERIFIED by the registry
    // (a knowledge check); the victim then signs with a qualified certificate of that SNILS.
    async function preHijack(): Promise<{
      attacker: VerifiedPerson;
      certificate: Awaited<ReturnType<typeof legalEntityCertificate>>;
      entity: ReturnType<typeof randomLegalEntity>;
    }> {
      const attacker = await personWithVerifiedSnils(h);
      const victim = { snilsDigits: attacker.snilsDigits, lastName: 'Жертва', firstName: 'Анна' };
      const entity = randomLegalEntity();
      const certificate = await legalEntityCertificate(h.ca, victim, entity);
      return { attacker, certificate, entity };
    }

    async function linkFootprint(userId: string, snils: string) {
      const [row] = await h.t.dataSource.query<{ identities: string; snils: string | null }[]>(
        `SELECT (SELECT COUNT(*) FROM signature_identities) AS identities,
                (SELECT status FROM identity_documents
                  WHERE user_id = ? AND kind = 'SNILS' AND number = ? AND in_force = 1) AS snils`,
        [userId, snils],
      );
      return {
        ...(await organizationFootprint(h, userId)),
        identities: Number(row.identities),
        snils: row.snils,
      };
    }

    it('should answer ACCOUNT_LINK_REQUIRED to the first certificate sign-in, writing nothing', async () => {
      const { attacker, certificate, entity } = await preHijack();
      const before = await linkFootprint(attacker.userId, attacker.snils);
      expect(before.snils).toBe('VERIFIED');

      const res = await signInWithCertificate(h, certificate, { linkByPassword: false });
      const error = errorOf(res);
      expect(error).toMatchObject({
        code: 'CONFLICT',
        subCode: 'ACCOUNT_LINK_REQUIRED',
        proofs: ['PASSWORD', 'SMS_CODE'],
      });
      expect(typeof error.linkToken).toBe('string');
      expect(error.maskedPhone).toMatch(/\*\*\*-\*\*-\d{2}$/);
      expect(res.data?.loginWithSignature ?? null).toBeNull();
      expect(await linkFootprint(attacker.userId, attacker.snils)).toEqual(before);
      const organizations = await h.t.dataSource.query<unknown[]>(
        'SELECT id FROM organizations WHERE inn = ?',
        [entity.inn],
      );
      expect(organizations).toHaveLength(0);
    });

    it('should link the certificate to the account proven by its password, then sign in directly', async () => {
      const { attacker: holder, certificate, entity } = await preHijack();
      const first = await signInWithCertificate(h, certificate, { linkByPassword: false });
      const linkToken = errorOf(first).linkToken as string;

      const linked = await h.gql.ok(CONFIRM_ACCOUNT_LINK, {
        token: linkToken,
        password: holder.password,
      });
      const payload = linked.confirmAccountLink;
      expect(payload.user.id).toBe(holder.userId);
      expect(payload.organization).toMatchObject({ inn: entity.inn, myRole: 'HEAD' });
      const identities = await h.t.dataSource.query<{ user_id: string }[]>(
        'SELECT user_id FROM signature_identities WHERE snils = ?',
        [holder.snils],
      );
      expect(identities).toEqual([{ user_id: holder.userId }]);

      // The token worked once.
      const again = await h.gql.request(CONFIRM_ACCOUNT_LINK, {
        token: linkToken,
        password: holder.password,
      });
      expect(errorOf(again)).toMatchObject({ subCode: 'LINK_TOKEN_INVALID' });

      // A linked certificate signs in directly afterwards.
      const direct = await signInWithCertificate(h, certificate, { linkByPassword: false });
      expect(direct.errors).toBeUndefined();
      expect(direct.data!.loginWithSignature.user.id).toBe(holder.userId);
      expect(direct.data!.loginWithSignature.organization.id).toBe(payload.organization.id);
    });

    it('should refuse a wrong password (LINK_PROOF_INVALID), writing nothing', async () => {
      const { attacker, certificate } = await preHijack();
      const first = await signInWithCertificate(h, certificate, { linkByPassword: false });
      const linkToken = errorOf(first).linkToken as string;
      const before = await linkFootprint(attacker.userId, attacker.snils);

      const res = await h.gql.request(CONFIRM_ACCOUNT_LINK, {
        token: linkToken,
        password: 'Неверный-пароль-1',
      });
      expect(errorOf(res)).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'LINK_PROOF_INVALID',
      });
      expect(await linkFootprint(attacker.userId, attacker.snils)).toEqual(before);
    });

    it('should refuse declineAccountLink without a proven phone (NEW_ACCOUNT_PHONE_REQUIRED): a certificate has none', async () => {
      const { attacker, certificate } = await preHijack();
      const first = await signInWithCertificate(h, certificate, { linkByPassword: false });
      const linkToken = errorOf(first).linkToken as string;
      const before = await linkFootprint(attacker.userId, attacker.snils);

      const res = await h.gql.request(DECLINE_ACCOUNT_LINK, { token: linkToken });
      expect(errorOf(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        subCode: 'NEW_ACCOUNT_PHONE_REQUIRED',
      });
      expect(await linkFootprint(attacker.userId, attacker.snils)).toEqual(before);
    });
  });

  describe('organization context', () => {
    it('should switch between organizations with selectOrganization, ending the old session', async () => {
      const person = await personWithVerifiedSnils(h);
      const a = randomLegalEntity();
      const b = randomLegalEntity();
      const inA = await signInWithCertificate(h, await legalEntityCertificate(h.ca, person, a));
      const inB = await signInWithCertificate(h, await legalEntityCertificate(h.ca, person, b));
      const orgA = inA.data!.loginWithSignature.organization;
      const tokenB = inB.data!.loginWithSignature.accessToken;

      const switched = await h.gql.ok(SELECT_ORGANIZATION, { id: orgA.id }, { token: tokenB });
      expect(switched.selectOrganization.organization).toEqual(orgA);
      const newToken = switched.selectOrganization.accessToken;
      const current = await h.gql.ok(CURRENT_ORGANIZATION, {}, { token: newToken });
      expect(current.currentOrganization.inn).toBe(a.inn);
      const old = await h.gql.request(CURRENT_ORGANIZATION, {}, { token: tokenB });
      expect(errorOf(old).code).toBe('UNAUTHENTICATED');

      // From an individual's session too.
      const fromPersonal = await h.gql.ok(
        SELECT_ORGANIZATION,
        { id: orgA.id },
        { token: person.accessToken },
      );
      expect(fromPersonal.selectOrganization.organization.myRole).toBe('HEAD');
    });

    it('should answer ORGANIZATION_CONTEXT_REQUIRED to an individual’s session', async () => {
      const person = await personWithVerifiedSnils(h);
      const res = await h.gql.request(CURRENT_ORGANIZATION, {}, { token: person.accessToken });
      expect(errorOf(res)).toMatchObject({
        code: 'ORGANIZATION_CONTEXT_REQUIRED',
        message: 'Услуга недоступна для физических лиц',
      });
      const members = await h.gql.request(
        '{ organizationMembers { totalCount } }',
        {},
        { token: person.accessToken },
      );
      expect(errorOf(members).code).toBe('ORGANIZATION_CONTEXT_REQUIRED');
      const mine = await h.gql.ok(MY_ORGANIZATIONS, {}, { token: person.accessToken });
      expect(mine.myOrganizations).toEqual([]);
    });

    it('should answer UNAUTHENTICATED without a token', async () => {
      const res = await h.gql.request(MY_ORGANIZATIONS);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    });

    it('should give a null organization to a password sign-in', async () => {
      const person = await personWithVerifiedSnils(h);
      const res = await h.gql.ok(
        `mutation($login: String!, $password: String!) {
          login(login: $login, password: $password) { organization { id } }
        }`,
        { login: person.phone, password: person.password },
      );
      expect(res.login.organization).toBeNull();
    });
  });
});
