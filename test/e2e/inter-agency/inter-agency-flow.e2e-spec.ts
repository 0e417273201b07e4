import { randomUUID } from 'node:crypto';
import { MessagingService } from '../../../src/modules/messaging';
import { InterAgencyDigestTask } from '../../../src/modules/inter-agency/jobs/inter-agency-digest.task';
import { createTestApp, TestApp } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import {
  ACCESS_REQUESTS,
  activeTestSystem,
  ADD_QUEUE,
  DECIDE_REQUEST,
  DECIDE_SYSTEM,
  eventually,
  grantPortal,
  insertOrganization,
  member,
  Member,
  mnemonic,
  operatorToken,
  REGISTER_KIND,
  REGISTER_SYSTEM,
  REQUEST_ACCESS,
  SYSTEMS,
} from './inter-agency-e2e.helpers';

const DATA_KINDS = `query($search: String, $first: Int, $after: String) {
  dataKinds(search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id namespaceUri version } }
  }
}`;

describe('inter-agency: systems, kinds of data and access requests', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let headA: Member;
  let headB: Member;
  let operator: string;
  let sendEmail: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await insertOrganization(t.dataSource, 'ФНС (тест)');
    orgB = await insertOrganization(t.dataSource, 'ПФР (тест)');
    headA = await member(t, orgA, 'HEAD', { email: true });
    headB = await member(t, orgB, 'HEAD', { email: true });
    operator = await operatorToken(t);
    // Calls through: the messages still go to the real queue.
    sendEmail = jest.spyOn(t.app.get(MessagingService), 'sendEmail');
  });

  afterAll(async () => {
    sendEmail.mockRestore();
    await t.close();
  });

  it('should run the whole flow: TEST automatically, PROD by the operator and the owner', async () => {
    // A registers a TEST system: PENDING at once, ACTIVE through the queue, no operator involved.
    const testMnemonic = mnemonic('FNS');
    const { registerInformationSystem: sysA } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: testMnemonic, name: 'ЕГРН тест', environment: 'TEST' } },
      { token: headA.token },
    );
    expect(sysA).toMatchObject({ mnemonic: testMnemonic, status: 'PENDING', environment: 'TEST' });
    expect(sysA.organization.id).toBe(orgA);
    await eventually(async () => {
      const { informationSystems } = await t.gql.ok(SYSTEMS, {}, { token: headA.token });
      return (
        informationSystems.find((s: any) => s.id === sysA.id)?.status === 'ACTIVE' || undefined
      );
    });

    // A publishes a kind of data on it.
    const namespaceUri = `urn://x-artefacts-fns/${randomUUID()}/4.0.1`;
    const { registerDataKind: kind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: sysA.id,
          name: 'Сведения об ИНН',
          namespaceUri,
          version: '4.0.1',
          rootElement: 'INNRequest',
        },
      },
      { token: headA.token },
    );
    expect(kind.ownerSystem).toEqual({ id: sysA.id, mnemonic: testMnemonic });

    // B asks for CONSUMER access in TEST and is granted through the queue.
    const sysB = await activeTestSystem(t, headB.token, 'PFR');
    const { requestDataKindAccess: testRequest } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId: kind.id, systemId: sysB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    expect(testRequest).toMatchObject({ status: 'PENDING', environment: 'TEST', role: 'CONSUMER' });
    const granted = await eventually(async () => {
      const { accessRequests } = await t.gql.ok(ACCESS_REQUESTS, {}, { token: headB.token });
      const found = (accessRequests as { id: string; status: string; decidedAt: string }[]).find(
        (r) => r.id === testRequest.id,
      );
      return found?.status === 'GRANTED' ? found : undefined;
    });
    expect(granted.decidedAt).not.toBeNull();
    // TEST decisions are not sent one by one: they wait for the next day's digest.
    const grantMail = () =>
      sendEmail.mock.calls.some(
        ([to, , text]) =>
          to === headB.email && /одобрена/.test(text) && text.includes(sysB.mnemonic),
      );
    expect(grantMail()).toBe(false);
    // The notice is written just after the grant commits.
    await eventually(async () => {
      const rows = await t.dataSource.query<unknown[]>(
        'SELECT 1 FROM inter_agency_notices WHERE access_request_id = ? AND recipient_organization_id = ?',
        [testRequest.id, orgB],
      );
      return rows.length > 0 ? true : undefined;
    });
    await t.app.get(InterAgencyDigestTask).run(new Date(Date.now() + 24 * 60 * 60_000));
    expect(grantMail()).toBe(true);
    // A duplicate of a granted request is refused.
    const dup = await t.gql.request(
      REQUEST_ACCESS,
      { input: { dataKindId: kind.id, systemId: sysB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    expect(dup.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'ACCESS_REQUEST_EXISTS',
    });

    // PROD: B's system waits for the operator, then its request waits for A.
    const { registerInformationSystem: prodB } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('PFR_PROD'), name: 'ПФР прод', environment: 'PROD' } },
      { token: headB.token },
    );
    await new Promise((r) => setTimeout(r, 1500));
    const stillPending = await t.gql.ok(SYSTEMS, { environment: 'PROD' }, { token: headB.token });
    expect(
      stillPending.informationSystems.map((s: { id: string; status: string }) => [s.id, s.status]),
    ).toEqual([[prodB.id, 'PENDING']]);
    // The operator sees it in the queue of PROD registrations and activates it.
    const queue = await t.gql.ok(SYSTEMS, {}, { token: operator });
    expect(queue.informationSystems.map((s: { id: string }) => s.id)).toContain(prodB.id);
    const notOperator = await t.gql.request(
      DECIDE_SYSTEM,
      { id: prodB.id, approve: true },
      { token: headB.token },
    );
    expect(notOperator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const activated = await t.gql.ok(
      DECIDE_SYSTEM,
      { id: prodB.id, approve: true },
      { token: operator },
    );
    expect(activated.decideInformationSystem.status).toBe('ACTIVE');
    const again = await t.gql.request(
      DECIDE_SYSTEM,
      { id: prodB.id, approve: false, reason: 'x' },
      { token: operator },
    );
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'NOT_DECIDABLE',
    });

    // A PROD system asks for a PROD kind: A publishes the same namespace and version in PROD.
    const { registerInformationSystem: prodA } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('FNS_PROD'), name: 'ФНС прод', environment: 'PROD' } },
      { token: headA.token },
    );
    await t.gql.ok(DECIDE_SYSTEM, { id: prodA.id, approve: true }, { token: operator });
    const { registerDataKind: prodKind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: prodA.id,
          name: 'Сведения об ИНН',
          namespaceUri,
          version: '4.0.1',
          rootElement: 'INNRequest',
        },
      },
      { token: headA.token },
    );
    const { requestDataKindAccess: prodRequest } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId: prodKind.id, systemId: prodB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    expect(prodRequest).toMatchObject({ status: 'PENDING', environment: 'PROD' });
    await new Promise((r) => setTimeout(r, 1000));
    const waiting = await t.gql.ok(ACCESS_REQUESTS, { status: 'PENDING' }, { token: headB.token });
    expect(waiting.accessRequests.map((r: { id: string }) => r.id)).toEqual([prodRequest.id]);

    // Only the owner decides; the requester cannot decide its own request.
    const byRequester = await t.gql.request(
      DECIDE_REQUEST,
      { id: prodRequest.id, approve: true },
      { token: headB.token },
    );
    expect(byRequester.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noReason = await t.gql.request(
      DECIDE_REQUEST,
      { id: prodRequest.id, approve: false },
      { token: headA.token },
    );
    expect(noReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'REASON_REQUIRED',
    });
    const ownersView = await t.gql.ok(
      ACCESS_REQUESTS,
      { status: 'PENDING' },
      { token: headA.token },
    );
    expect(ownersView.accessRequests.map((r: { id: string }) => r.id)).toContain(prodRequest.id);
    const rejected = await t.gql.ok(
      DECIDE_REQUEST,
      { id: prodRequest.id, approve: false, reason: 'Нет соглашения об информационном обмене' },
      { token: headA.token },
    );
    expect(rejected.decideAccessRequest).toMatchObject({
      status: 'REJECTED',
      reason: 'Нет соглашения об информационном обмене',
    });
    expect(
      sendEmail.mock.calls.some(
        ([to, , text]) => to === headB.email && /отклонена/.test(text) && /соглашения/.test(text),
      ),
    ).toBe(true);

    // After a rejection a new request may be made, and the owner grants it.
    const { requestDataKindAccess: second } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId: prodKind.id, systemId: prodB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    const approved = await t.gql.ok(
      DECIDE_REQUEST,
      { id: second.id, approve: true },
      { token: headA.token },
    );
    expect(approved.decideAccessRequest.status).toBe('GRANTED');

    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM inter_agency_audit_log WHERE target_id IN (?, ?, ?) ORDER BY created_at`,
      [prodRequest.id, second.id, prodB.id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'ACCESS_REQUESTED',
        'ACCESS_REJECTED',
        'ACCESS_GRANTED',
        'SYSTEM_ACTIVATED',
      ]),
    );
  });

  it('should grant a TEST request made before the systems were ACTIVE once they are', async () => {
    const owner = await activeTestSystem(t, headA.token, 'OWN');
    const { registerDataKind: kind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: owner.id,
          name: 'Сведения о рождении',
          namespaceUri: `urn://zags/${randomUUID()}/1.0.0`,
          version: '1.0.0',
          rootElement: 'BirthRequest',
        },
      },
      { token: headA.token },
    );
    const { registerInformationSystem: fresh } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('NEW'), name: 'Новая', environment: 'TEST' } },
      { token: headB.token },
    );
    const { requestDataKindAccess: request } = await t.gql.ok(
      REQUEST_ACCESS,
      { input: { dataKindId: kind.id, systemId: fresh.id, role: 'PROVIDER' } },
      { token: headB.token },
    );
    await eventually(async () => {
      const { accessRequests } = await t.gql.ok(ACCESS_REQUESTS, {}, { token: headB.token });
      return (
        accessRequests.find((r: any) => r.id === request.id)?.status === 'GRANTED' || undefined
      );
    });
  });

  it('should refuse bad input with clear codes and write nothing', async () => {
    const bad = await t.gql.request(
      REGISTER_SYSTEM,
      { input: { mnemonic: 'ИС-1', name: 'x', environment: 'TEST' } },
      { token: headA.token },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0].extensions?.fields)).toContain('mnemonic');
    const short = await t.gql.request(
      REGISTER_SYSTEM,
      { input: { mnemonic: 'AB', name: 'x', environment: 'TEST' } },
      { token: headA.token },
    );
    expect(short.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // Owned per environment once ACTIVE: the same mnemonic is refused in TEST, allowed in PROD.
    const { mnemonic: taken } = await activeTestSystem(t, headA.token, 'TAKEN');
    const clash = await t.gql.request(
      REGISTER_SYSTEM,
      { input: { mnemonic: taken, name: 'y', environment: 'TEST' } },
      { token: headB.token },
    );
    expect(clash.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'MNEMONIC_TAKEN',
    });
    await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: taken, name: 'y', environment: 'PROD' } },
      { token: headB.token },
    );
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM information_systems WHERE mnemonic = ?',
      [taken],
    );
    expect(Number(n)).toBe(2);

    const system = await activeTestSystem(t, headA.token, 'KINDS');
    const kindInput = (over: Record<string, unknown>) => ({
      input: {
        ownerSystemId: system.id,
        name: 'Вид',
        namespaceUri: `urn://kinds/${randomUUID()}`,
        version: '1.0',
        rootElement: 'Request',
        ...over,
      },
    });
    const relative = await t.gql.request(REGISTER_KIND, kindInput({ namespaceUri: 'kinds/1.0' }), {
      token: headA.token,
    });
    expect(relative.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'namespaceUri', message: expect.stringContaining('абсолютным URI') }],
    });
    const uri = `urn://kinds/${randomUUID()}`;
    await t.gql.ok(REGISTER_KIND, kindInput({ namespaceUri: uri }), { token: headA.token });
    const sameVersion = await t.gql.request(REGISTER_KIND, kindInput({ namespaceUri: uri }), {
      token: headA.token,
    });
    expect(sameVersion.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'DATA_KIND_EXISTS',
    });
    await t.gql.ok(REGISTER_KIND, kindInput({ namespaceUri: uri, version: '1.1' }), {
      token: headA.token,
    });
    // On another organization's system: NOT_FOUND; on a PENDING one: CONFLICT.
    const foreign = await t.gql.request(REGISTER_KIND, kindInput({}), { token: headB.token });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { registerInformationSystem: pendingProd } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('PEND'), name: 'x', environment: 'PROD' } },
      { token: headA.token },
    );
    const onPending = await t.gql.request(
      REGISTER_KIND,
      kindInput({ ownerSystemId: pendingProd.id }),
      {
        token: headA.token,
      },
    );
    expect(onPending.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'SYSTEM_NOT_ACTIVE',
    });
    const rejectNoReason = await t.gql.request(
      DECIDE_SYSTEM,
      { id: pendingProd.id, approve: false },
      { token: operator },
    );
    expect(rejectNoReason.errors?.[0].extensions?.subCode).toBe('REASON_REQUIRED');
  });

  it('should add special queues to ACTIVE systems only, names unique per system', async () => {
    const system = await activeTestSystem(t, headA.token, 'SQ');
    const added = await t.gql.ok(
      ADD_QUEUE,
      { systemId: system.id, name: 'priority-1' },
      { token: headA.token },
    );
    expect(added.addSpecialQueue.name).toBe('priority-1');
    const dup = await t.gql.request(
      ADD_QUEUE,
      { systemId: system.id, name: 'priority-1' },
      { token: headA.token },
    );
    expect(dup.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'SPECIAL_QUEUE_EXISTS',
    });
    const bad = await t.gql.request(
      ADD_QUEUE,
      { systemId: system.id, name: 'с пробелом' },
      { token: headA.token },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const foreign = await t.gql.request(
      ADD_QUEUE,
      { systemId: system.id, name: 'other' },
      { token: headB.token },
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { informationSystems } = await t.gql.ok(
      SYSTEMS,
      { environment: 'TEST' },
      { token: headA.token },
    );
    expect(informationSystems.find((s: any) => s.id === system.id).specialQueues).toEqual([
      { name: 'priority-1' },
    ]);
  });

  it('should page and search the catalog by name or namespace', async () => {
    const system = await activeTestSystem(t, headA.token, 'CAT');
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 5; i++) {
      await t.gql.ok(
        REGISTER_KIND,
        {
          input: {
            ownerSystemId: system.id,
            name: `Каталог ${tag} №${i}`,
            namespaceUri: `urn://catalog/${tag}/${i}`,
            version: '1',
            rootElement: 'R',
          },
        },
        { token: headA.token },
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await t.gql.ok(
        DATA_KINDS,
        { search: tag, first: 2, after },
        { token: headB.token },
      );
      expect(res.dataKinds.totalCount).toBe(5);
      seen.push(
        ...res.dataKinds.edges.map((e: { node: { namespaceUri: string } }) => e.node.namespaceUri),
      );
      if (!res.dataKinds.pageInfo.hasNextPage) {
        break;
      }
      after = res.dataKinds.pageInfo.endCursor;
    }
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => `urn://catalog/${tag}/${i}`));
    const byUri = await t.gql.ok(DATA_KINDS, { search: `${tag}/3` }, { token: headB.token });
    expect(byUri.dataKinds.totalCount).toBe(1);
    const tooMany = await t.gql.request(DATA_KINDS, { first: 101 }, { token: headB.token });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql.request(DATA_KINDS, { after: 'garbage' }, { token: headB.token });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should let in HEAD, ADMIN and granted employees only, in an organization context', async () => {
    const anonymous = await t.gql.request(SYSTEMS, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const individual = await signTestToken(t.app, { sub: headA.userId });
    const noOrg = await t.gql.request(SYSTEMS, {}, { token: individual });
    expect(noOrg.errors?.[0].extensions?.code).toBe('ORGANIZATION_CONTEXT_REQUIRED');
    const employee = await member(t, orgA, 'EMPLOYEE');
    const refused = await t.gql.request(SYSTEMS, {}, { token: employee.token });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await grantPortal(t.dataSource, employee.membershipId);
    await t.gql.ok(SYSTEMS, {}, { token: employee.token });
    const admin = await member(t, orgA, 'ADMIN');
    await t.gql.ok(SYSTEMS, {}, { token: admin.token });
    // Another organization's systems never show.
    const { informationSystems } = await t.gql.ok(SYSTEMS, {}, { token: headB.token });
    expect(informationSystems.every((s: any) => s.organization.id === orgB)).toBe(true);
  });
});
