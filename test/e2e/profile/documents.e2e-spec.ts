import type { GqlWsClient, Subscription } from '../../support/graphql-client';
import { errorOf, LOGIN, ME, registerAccount } from '../auth/auth-e2e.helpers';
import type { Account } from '../auth/auth-e2e.helpers';
import {
  ACCESS_LOG,
  APPLICATIONS,
  badSnils,
  DOCUMENT_STATUS,
  personWithBirthDate,
  PROFILE_ME,
  ProfileHarness,
  randomSnils,
  startProfileApp,
  SUBMIT_PASSPORT,
  SUBMIT_SNILS,
  UPDATE_PROFILE,
} from './profile-e2e.helpers';

type StatusEvent = {
  documentStatusChanged: {
    id: string;
    accessLevel: string;
    snils: { number: string; status: string; rejectionReason: string | null } | null;
    passport: { number: string; status: string; rejectionReason: string | null } | null;
  };
};

describe('profile documents (registry over HTTP)', () => {
  let h: ProfileHarness;
  const sockets: GqlWsClient[] = [];

  beforeAll(async () => {
    h = await startProfileApp({ driver: 'http' });
  });

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await h.close();
  });

  async function listen(account: Account): Promise<Subscription<StatusEvent>> {
    const ws = h.gql.ws(account.accessToken);
    sockets.push(ws);
    await ws.connected;
    const sub = ws.subscribe<StatusEvent>(DOCUMENT_STATUS);
    // The server subscribes to the Redis channel asynchronously (STACK-NOTES pitfall 19).
    await new Promise((r) => setTimeout(r, 300));
    return sub;
  }

  async function until(
    sub: Subscription<StatusEvent>,
    match: (e: StatusEvent['documentStatusChanged']) => boolean,
    timeoutMs = 20_000,
  ): Promise<StatusEvent['documentStatusChanged']> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = await sub.next(Math.max(1, deadline - Date.now()));
      expect(event.errors).toBeUndefined();
      if (match(event.data!.documentStatusChanged)) {
        return event.data!.documentStatusChanged;
      }
    }
  }

  async function verifiedSnils(account: Account): Promise<string> {
    const snils = randomSnils();
    const sub = await listen(account);
    await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token: account.accessToken });
    await until(sub, (e) => e.snils?.status === 'VERIFIED');
    sub.stop();
    return snils;
  }

  it('should verify a SNILS, announce it over graphql-ws and raise the level to STANDARD', async () => {
    const a = await personWithBirthDate(h);
    const snils = randomSnils();
    const sub = await listen(a);
    const submitted = await h.gql.ok(
      SUBMIT_SNILS,
      { n: snils.replace(/\D/g, '') },
      { token: a.accessToken },
    );
    expect(submitted.submitSnils).toMatchObject({ number: snils, status: 'PENDING' });

    const event = await until(sub, (e) => e.snils?.status === 'VERIFIED');
    expect(event).toMatchObject({ id: a.userId, accessLevel: 'STANDARD' });
    const me = await h.gql.ok(PROFILE_ME, {}, { token: a.accessToken });
    expect(me.me.accessLevel).toBe('STANDARD');
    expect(me.me.snils).toMatchObject({ number: snils, status: 'VERIFIED' });
    expect(me.me.snils.verifiedAt).toEqual(expect.any(String));
    expect(h.registry!.requestsFor(snils)[0]).toEqual({
      path: '/snils',
      body: {
        snils,
        lastName: a.lastName,
        firstName: a.firstName,
        middleName: a.middleName,
        birthDate: '1985-04-12',
      },
    });
    const apps = await h.gql.ok(APPLICATIONS, {}, { token: a.accessToken });
    expect(apps.applications.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { kind: 'SNILS_CHECK', title: 'Проверка СНИЛС', status: 'VERIFIED' },
    ]);
  });

  it('should give FULL with SNILS and passport verified', async () => {
    const a = await personWithBirthDate(h);
    await verifiedSnils(a);
    const sub = await listen(a);
    const passport = {
      series: '45 10',
      number: '123456',
      issuedAt: '2010-05-20',
      issuedBy: 'ОВД Тверской',
    };
    const res = await h.gql.ok(SUBMIT_PASSPORT, { input: passport }, { token: a.accessToken });
    expect(res.submitPassport).toMatchObject({
      series: '4510',
      number: '123456',
      status: 'PENDING',
    });
    const event = await until(sub, (e) => e.passport?.status === 'VERIFIED');
    expect(event.accessLevel).toBe('FULL');
    expect(h.registry!.requestsFor('4510 123456')[0].path).toBe('/passport');
  });

  it('should reject with a reason on MISMATCH and keep the level', async () => {
    const a = await personWithBirthDate(h);
    const snils = randomSnils();
    h.registry!.always(snils, { result: 'MISMATCH' });
    const sub = await listen(a);
    await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token: a.accessToken });
    const event = await until(sub, (e) => e.snils?.status === 'REJECTED');
    expect(event.snils!.rejectionReason).toMatch(/не совпадают/);
    expect(event.accessLevel).toBe('BASIC');
    const apps = await h.gql.ok(APPLICATIONS, {}, { token: a.accessToken });
    expect(apps.applications.edges[0].node.status).toBe('REJECTED');
  });

  it('should retry a registry answering 503 three times, then verify', async () => {
    const a = await personWithBirthDate(h);
    const snils = randomSnils();
    h.registry!.script(snils, { status: 503 }, 3);
    const sub = await listen(a);
    await h.gql.ok(SUBMIT_SNILS, { n: snils }, { token: a.accessToken });
    const event = await until(sub, (e) => e.snils?.status === 'VERIFIED', 30_000);
    expect(event.accessLevel).toBe('STANDARD');
    expect(h.registry!.requestsFor(snils)).toHaveLength(4);
  });

  it('should refuse a bad checksum, a missing birth date and a SNILS verified elsewhere, changing nothing', async () => {
    const a = await personWithBirthDate(h);
    const bad = await h.gql.request(SUBMIT_SNILS, { n: badSnils() }, { token: a.accessToken });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', subCode: 'SNILS_INVALID' });
    expect(errorOf(bad).fields).toEqual([
      { field: 'number', message: expect.stringMatching(/контрольная сумма/) },
    ]);

    const noBirth = await registerAccount(h);
    const incomplete = await h.gql.request(
      SUBMIT_SNILS,
      { n: randomSnils() },
      { token: noBirth.accessToken },
    );
    expect(errorOf(incomplete)).toMatchObject({
      code: 'PROFILE_INCOMPLETE',
      missingFields: ['birthDate'],
    });

    const owner = await personWithBirthDate(h);
    const taken = await verifiedSnils(owner);
    const conflict = await h.gql.request(SUBMIT_SNILS, { n: taken }, { token: a.accessToken });
    expect(errorOf(conflict)).toMatchObject({ code: 'CONFLICT', subCode: 'SNILS_TAKEN' });

    for (const account of [a, noBirth]) {
      const me = await h.gql.ok(PROFILE_ME, {}, { token: account.accessToken });
      expect(me.me).toMatchObject({ snils: null, accessLevel: 'BASIC' });
      const apps = await h.gql.ok(APPLICATIONS, {}, { token: account.accessToken });
      expect(apps.applications.totalCount).toBe(0);
    }
  });

  it('should never show one person’s documents, applications or events to another', async () => {
    const a = await personWithBirthDate(h);
    const b = await personWithBirthDate(h);
    const subB = await listen(b);
    await verifiedSnils(a);
    await expect(subB.next(1500)).rejects.toThrow(/timed out/);
    const me = await h.gql.ok(PROFILE_ME, {}, { token: b.accessToken });
    expect(me.me).toMatchObject({ id: b.userId, snils: null, passport: null });
    const apps = await h.gql.ok(APPLICATIONS, {}, { token: b.accessToken });
    expect(apps.applications.totalCount).toBe(0);
  });

  it('should sign in with a verified SNILS only', async () => {
    const a = await personWithBirthDate(h);
    const unverified = randomSnils();
    h.registry!.always(unverified, { result: 'NOT_FOUND' });
    const refused = await h.gql.request(LOGIN, { login: unverified, password: a.password });
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');

    const snils = await verifiedSnils(a);
    const res = await h.gql.ok(LOGIN, { login: snils, password: a.password });
    expect(res.login.user.id).toBe(a.userId);
  });

  it('should keep the level during a re-check after a name change and lower it on REJECTED', async () => {
    const a = await personWithBirthDate(h);
    const snils = await verifiedSnils(a);
    h.registry!.script(snils, { hang: true });
    const sub = await listen(a);
    const updated = await h.gql.ok(
      UPDATE_PROFILE,
      { input: { lastName: 'Новикова' } },
      { token: a.accessToken },
    );
    expect(updated.updateProfile).toMatchObject({ lastName: 'Новикова', accessLevel: 'STANDARD' });
    const pending = await until(sub, (e) => e.snils?.status === 'PENDING');
    expect(pending.accessLevel).toBe('STANDARD');
    // The hanging request times out (5 s) and is retried; this time the registry says MISMATCH.
    h.registry!.always(snils, { result: 'MISMATCH' });
    const rejected = await until(sub, (e) => e.snils?.status === 'REJECTED', 30_000);
    expect(rejected.accessLevel).toBe('BASIC');
  });

  it('should show the reads, updates and the registry check in myDataAccessLog', async () => {
    const a = await personWithBirthDate(h);
    await verifiedSnils(a);
    await h.gql.ok(`{ me { lastName phone payerCode } }`, {}, { token: a.accessToken });
    const log = await h.gql.ok(ACCESS_LOG, {}, { token: a.accessToken });
    const nodes = log.myDataAccessLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes[0]).toMatchObject({
      actor: 'Вы',
      action: 'READ',
      fields: ['lastName', 'phone', 'payerCode'],
    });
    expect(nodes).toContainEqual(
      expect.objectContaining({
        actor: 'Реестр СНИЛС',
        action: 'CHECK',
        fields: ['snils', 'lastName', 'firstName', 'middleName', 'birthDate'],
      }),
    );
    expect(nodes).toContainEqual(
      expect.objectContaining({ actor: 'Вы', action: 'UPDATE', fields: ['birthDate'] }),
    );
    expect(nodes).toContainEqual(
      expect.objectContaining({ actor: 'Вы', action: 'UPDATE', fields: ['snils'] }),
    );
    const other = await registerAccount(h);
    const otherLog = await h.gql.ok(ACCESS_LOG, {}, { token: other.accessToken });
    // Only their own read (confirmRegistration returned their account): nothing of A's.
    expect(otherLog.myDataAccessLog.edges).toEqual([
      { node: expect.objectContaining({ actor: 'Вы', action: 'READ' }) },
    ]);
    const anonymous = await h.gql.request(ACCESS_LOG, {});
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });

  it('should refuse the parent’s account to a student session', async () => {
    const a = await personWithBirthDate(h);
    const schoolLogin = `pupil.${Date.now().toString(36)}`;
    await h.gql.ok(
      `mutation($input: ChildInput!) { addChild(input: $input) { id schoolLogin } }`,
      { input: { lastName: 'Тестов', firstName: 'Петя', birthDate: '2014-09-01', schoolLogin } },
      { token: a.accessToken },
    );
    const res = await h.gql.ok(LOGIN, { login: schoolLogin, password: a.password });
    const token = res.login.accessToken as string;
    // The sign-in answer describes the child, with nothing of the parent's account in it.
    expect(res.login.user).toMatchObject({
      lastName: 'Тестов',
      firstName: 'Петя',
      birthDate: '2014-09-01',
      phone: '',
      email: null,
    });
    expect(JSON.stringify(res.login.user)).not.toContain(a.phone);
    const full = await h.gql.ok(
      `mutation($login: String!, $password: String!) {
        login(login: $login, password: $password) { user { id snils { number } passport { number } vehicles { plate } children { id } payerCode address } }
      }`,
      { login: schoolLogin, password: a.password },
    );
    expect(full.login.user).toMatchObject({
      snils: null,
      passport: null,
      vehicles: [],
      children: [],
      payerCode: null,
      address: null,
    });
    expect(full.login.user.id).not.toBe(a.userId);
    for (const query of [ME, APPLICATIONS, ACCESS_LOG]) {
      expect(errorOf(await h.gql.request(query, {}, { token })).code).toBe('FORBIDDEN');
    }
    const submit = await h.gql.request(SUBMIT_SNILS, { n: randomSnils() }, { token });
    expect(errorOf(submit).code).toBe('FORBIDDEN');
    const wrong = await h.gql.request(LOGIN, { login: schoolLogin, password: 'Неверный-пароль-1' });
    expect(errorOf(wrong).code).toBe('UNAUTHENTICATED');
  });
});
