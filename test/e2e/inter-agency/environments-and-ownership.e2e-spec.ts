// Issue: TEST and PROD never mix; nobody squats a namespace or a mnemonic, and messages go to
// their real parties.
import { randomUUID } from 'node:crypto';
import { AccessRequestService } from '../../../src/modules/inter-agency/access-requests/access-request.service';
import { insertUser } from '../../support/db-fixtures';
import { InformationSystemService } from '../../../src/modules/inter-agency/systems/information-system.service';
import { createTestApp, TestApp, waitForQueueIdle } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import { PlatformRole, PlatformRolesService } from '../../../src/modules/platform-roles';
import {
  activeTestSystem,
  addMember,
  DECIDE_SYSTEM,
  insertOrganization,
  member,
  Member,
  mnemonic,
  operatorToken,
  platformClientToken,
  REGISTER_KIND,
  REGISTER_SYSTEM,
  REQUEST_ACCESS,
} from './inter-agency-e2e.helpers';

const RECORD = `mutation($events: [MessageEventInput!]!) { recordInterAgencyMessageEvents(events: $events) }`;
const ASSIGN = `mutation($input: AssignDataKindNamespaceInput!) {
  assignDataKindNamespace(input: $input) { namespace { namespaceUri claimedBy organization { id } } }
}`;
const KINDS = `query($search: String) {
  dataKinds(search: $search) { edges { node { id version environment } } }
}`;
const OPERATOR_QUEUE = `query {
  informationSystems { id mnemonic status organization { id } reviewFlags { code reason } }
}`;
const MESSAGE = `query($messageId: String!) {
  interAgencyMessage(messageId: $messageId) { messageId consumerSystem { id } }
}`;

interface QueuedSystem {
  id: string;
  mnemonic: string;
  reviewFlags: { code: string; reason: string }[];
}

describe('inter-agency: environments, namespaces and mnemonics have owners', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let headA: Member;
  let headB: Member;
  let operator: string;
  let feed: string;

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await insertOrganization(t.dataSource, 'Владелец');
    orgB = await insertOrganization(t.dataSource, 'Посторонний');
    headA = await member(t, orgA, 'HEAD');
    headB = await member(t, orgB, 'HEAD');
    operator = await operatorToken(t);
    feed = await platformClientToken(t, ['messages:write']);
  });

  afterAll(async () => {
    await t.close();
  });

  const prodSystem = async (token: string, prefix: string, name = prefix) => {
    const { registerInformationSystem } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic(prefix), name, environment: 'PROD' } },
      { token },
    );
    await t.gql.ok(
      DECIDE_SYSTEM,
      { id: registerInformationSystem.id, approve: true },
      { token: operator },
    );
    return registerInformationSystem as { id: string; mnemonic: string };
  };

  const registerKind = (
    token: string,
    ownerSystemId: string,
    namespaceUri: string,
    version: string,
  ) =>
    t.gql.request(
      REGISTER_KIND,
      { input: { ownerSystemId, name: 'Вид', namespaceUri, version, rootElement: 'Request' } },
      { token },
    );

  const kindRows = async (namespaceUri: string) =>
    t.dataSource.query<{ owner_organization_id: string; version: string; environment: string }[]>(
      'SELECT owner_organization_id, version, environment FROM data_kinds WHERE namespace_uri = ? ORDER BY created_at',
      [namespaceUri],
    );

  it('should refuse a TEST system access to a PROD kind, and never grant one automatically', async () => {
    const prodA = await prodSystem(headA.token, 'ENV_OWNER');
    const namespaceUri = `urn://env/${randomUUID()}`;
    const registered = await registerKind(headA.token, prodA.id, namespaceUri, '1');
    const kindId = (registered.data as { registerDataKind: { id: string } }).registerDataKind.id;
    const { dataKinds } = await t.gql.ok(KINDS, { search: namespaceUri }, { token: headB.token });
    expect(dataKinds.edges).toEqual([{ node: { id: kindId, version: '1', environment: 'PROD' } }]);

    const testB = await activeTestSystem(t, headB.token, 'ENV_REQ');
    const refused = await t.gql.request(
      REQUEST_ACCESS,
      { input: { dataKindId: kindId, systemId: testB.id, role: 'CONSUMER' } },
      { token: headB.token },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'ENVIRONMENT_MISMATCH',
      fields: [{ field: 'systemId', message: expect.stringContaining('другой среде') }],
    });
    const count = async () => {
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM inter_agency_access_requests WHERE data_kind_id = ?',
        [kindId],
      );
      return Number(n);
    };
    expect(await count()).toBe(0);

    // A TEST request for a PROD kind left from before kinds had an environment: the automatic
    // check refuses it instead of granting it.
    const legacy = randomUUID();
    await t.dataSource.query(
      `INSERT INTO inter_agency_access_requests (id, data_kind_id, system_id, organization_id,
         owner_organization_id, role, environment, status, live, created_at)
       VALUES (?, ?, ?, ?, ?, 'CONSUMER', 'TEST', 'PENDING', 1, NOW(3))`,
      [legacy, kindId, testB.id, orgB, orgA],
    );
    await t.app.get(AccessRequestService).checkTest(legacy);
    const [row] = await t.dataSource.query<{ status: string; live: number | null }[]>(
      'SELECT status, live FROM inter_agency_access_requests WHERE id = ?',
      [legacy],
    );
    expect(row).toEqual({ status: 'REJECTED', live: null });
  });

  it('should give a namespace to its first approved kind and refuse everyone else under it', async () => {
    const prodA = await prodSystem(headA.token, 'NS_OWNER');
    const testA = await activeTestSystem(t, headA.token, 'NS_OWNER_T');
    const prodB = await prodSystem(headB.token, 'NS_OTHER');
    const testB = await activeTestSystem(t, headB.token, 'NS_OTHER_T');
    const namespaceUri = `urn://owned/${randomUUID()}`;

    // Before anyone's PROD kind, a TEST kind claims nothing.
    expect((await registerKind(headB.token, testB.id, namespaceUri, '0.9')).errors).toBeUndefined();
    expect((await registerKind(headA.token, prodA.id, namespaceUri, '1')).errors).toBeUndefined();
    const [{ organization_id: owner }] = await t.dataSource.query<{ organization_id: string }[]>(
      'SELECT organization_id FROM inter_agency_namespaces WHERE namespace_uri = ?',
      [namespaceUri],
    );
    expect(owner).toBe(orgA);

    // B can add neither a version nor the same version in its environment.
    for (const [systemId, version] of [
      [prodB.id, '2'],
      [testB.id, '1'],
      [testB.id, '3'],
    ]) {
      const res = await registerKind(headB.token, systemId, namespaceUri, version);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        subCode: 'NAMESPACE_OWNED',
      });
      expect(res.errors?.[0].message).toContain('принадлежит другой организации');
    }
    // The owner publishes more versions, in both environments.
    expect((await registerKind(headA.token, testA.id, namespaceUri, '1')).errors).toBeUndefined();
    expect((await registerKind(headA.token, prodA.id, namespaceUri, '2')).errors).toBeUndefined();
    expect(await kindRows(namespaceUri)).toEqual([
      { owner_organization_id: orgB, version: '0.9', environment: 'TEST' },
      { owner_organization_id: orgA, version: '1', environment: 'PROD' },
      { owner_organization_id: orgA, version: '1', environment: 'TEST' },
      { owner_organization_id: orgA, version: '2', environment: 'PROD' },
    ]);

    // An event counts under the owner's latest kind of its own environment.
    const kindOf = async (environment: string, consumer: string, provider: string) => {
      const messageId = randomUUID();
      await t.gql.ok(
        RECORD,
        {
          events: [
            {
              messageId,
              dataKindNamespaceUri: namespaceUri,
              consumerMnemonic: consumer,
              providerMnemonic: provider,
              environment,
              status: 'SENT',
              at: new Date().toISOString(),
            },
          ],
        },
        { token: feed },
      );
      const [row] = await t.dataSource.query<{ version: string; environment: string }[]>(
        `SELECT k.version, k.environment FROM inter_agency_messages m
         JOIN data_kinds k ON k.id = m.data_kind_id WHERE m.message_id = ?`,
        [messageId],
      );
      return row;
    };
    expect(await kindOf('TEST', testB.mnemonic, testA.mnemonic)).toEqual({
      version: '1',
      environment: 'TEST',
    });
    expect(await kindOf('PROD', prodB.mnemonic, prodA.mnemonic)).toEqual({
      version: '2',
      environment: 'PROD',
    });
  });

  it('should credit messages to the namespace owner’s kind, never to a newer one of another organization', async () => {
    const testA = await activeTestSystem(t, headA.token, 'ATTR_A');
    const testB = await activeTestSystem(t, headB.token, 'ATTR_B');
    const namespaceUri = `urn://attribution/${randomUUID()}`;
    // An unowned namespace (TEST only): A's kind first, then B's newer version.
    const first = await registerKind(headA.token, testA.id, namespaceUri, '1');
    const aKind = (first.data as { registerDataKind: { id: string } }).registerDataKind.id;
    await new Promise((r) => setTimeout(r, 5));
    const second = await registerKind(headB.token, testB.id, namespaceUri, '2');
    const bKind = (second.data as { registerDataKind: { id: string } }).registerDataKind.id;

    const record = async () => {
      const messageId = randomUUID();
      await t.gql.ok(
        RECORD,
        {
          events: [
            {
              messageId,
              dataKindNamespaceUri: namespaceUri,
              consumerMnemonic: testB.mnemonic,
              providerMnemonic: testA.mnemonic,
              environment: 'TEST',
              status: 'SENT',
              at: new Date().toISOString(),
            },
          ],
        },
        { token: feed },
      );
      const [row] = await t.dataSource.query<{ data_kind_id: string }[]>(
        'SELECT data_kind_id FROM inter_agency_messages WHERE message_id = ?',
        [messageId],
      );
      return row.data_kind_id;
    };
    expect(await record()).toBe(aKind);

    // Only an operator assigns a namespace, never to their own organization.
    const assign = (token: string, organizationId: string) =>
      t.gql.request(ASSIGN, { input: { namespaceUri, organizationId } }, { token });
    const byHead = await assign(headB.token, orgB);
    expect(byHead.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { id: insiderId } = await insertUser(t.dataSource);
    await t.app.get(PlatformRolesService).grant(insiderId, PlatformRole.INTER_AGENCY_OPERATOR);
    await addMember(t.dataSource, orgB, insiderId, 'EMPLOYEE');
    const insider = await assign(await signTestToken(t.app, { sub: insiderId }), orgB);
    expect(insider.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'OWN_ORGANIZATION_DECISION',
    });
    const notAUri = await t.gql.request(
      ASSIGN,
      { input: { namespaceUri: 'not a uri', organizationId: orgB } },
      { token: operator },
    );
    expect(notAUri.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'namespaceUri', message: expect.any(String) }],
    });
    const unknownOrg = await assign(operator, randomUUID());
    expect(unknownOrg.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'organizationId', message: 'Организация не найдена' }],
    });
    expect(
      await t.dataSource.query('SELECT 1 FROM inter_agency_namespaces WHERE namespace_uri = ?', [
        namespaceUri,
      ]),
    ).toEqual([]);

    // The operator gives it to B: B's kinds count from now on, and A may add nothing under it.
    const assigned = await t.gql.ok(
      ASSIGN,
      { input: { namespaceUri, organizationId: orgB } },
      {
        token: operator,
      },
    );
    expect(assigned.assignDataKindNamespace.namespace).toEqual({
      namespaceUri,
      claimedBy: 'OPERATOR',
      organization: { id: orgB },
    });
    expect(await record()).toBe(bKind);
    const refused = await registerKind(headA.token, testA.id, namespaceUri, '3');
    expect(refused.errors?.[0].extensions?.subCode).toBe('NAMESPACE_OWNED');
  });

  it('should let the real owner register a squatted mnemonic, flag the squat, and own it once ACTIVE', async () => {
    const provider = await prodSystem(headA.token, 'SQ_PROV');
    const namespaceUri = `urn://squat/${randomUUID()}`;
    await registerKind(headA.token, provider.id, namespaceUri, '1');
    const squatted = mnemonic('SQ_REAL');
    const register = (token: string, environment = 'PROD') =>
      t.gql.request(
        REGISTER_SYSTEM,
        { input: { mnemonic: squatted, name: 'Система', environment } },
        { token },
      );
    // B files the mnemonic first; the real traffic uses it and is held aside.
    const squat = await register(headB.token);
    const squatId = (squat.data as { registerInformationSystem: { id: string } })
      .registerInformationSystem.id;
    const messageId = randomUUID();
    await t.gql.ok(
      RECORD,
      {
        events: [
          {
            messageId,
            dataKindNamespaceUri: namespaceUri,
            consumerMnemonic: squatted,
            providerMnemonic: provider.mnemonic,
            environment: 'PROD',
            status: 'SENT',
            at: new Date().toISOString(),
          },
        ],
      },
      { token: feed },
    );

    // The PENDING squat does not block the real owner.
    const orgC = await insertOrganization(t.dataSource, 'Настоящий владелец');
    const headC = await member(t, orgC, 'HEAD');
    const real = await register(headC.token);
    expect(real.errors).toBeUndefined();
    const realId = (real.data as { registerInformationSystem: { id: string } })
      .registerInformationSystem.id;

    // The operator's queue shows both, each flagged with the reason.
    const queue = async () => {
      const { informationSystems } = await t.gql.ok(OPERATOR_QUEUE, {}, { token: operator });
      return new Map(
        (informationSystems as QueuedSystem[]).map((s) => [s.id, s.reviewFlags.map((f) => f.code)]),
      );
    };
    const flagged = await queue();
    expect(flagged.get(squatId)).toEqual(['HELD_TRAFFIC', 'COMPETING_REGISTRATION']);
    expect(flagged.get(realId)).toEqual(['HELD_TRAFFIC', 'COMPETING_REGISTRATION']);
    const { informationSystems } = await t.gql.ok(OPERATOR_QUEUE, {}, { token: operator });
    const reason = (informationSystems as QueuedSystem[]).find((s) => s.id === squatId)!
      .reviewFlags[0].reason;
    expect(reason).toContain('удержано событий: 1');
    // Nobody but the operator sees flags.
    const { informationSystems: own } = await t.gql.ok(OPERATOR_QUEUE, {}, { token: headB.token });
    expect((own as QueuedSystem[]).find((s) => s.id === squatId)?.reviewFlags).toEqual([]);

    // The operator approves the real owner: the held event is theirs, the mnemonic owned.
    await t.gql.ok(DECIDE_SYSTEM, { id: realId, approve: true }, { token: operator });
    const { interAgencyMessage } = await t.gql.ok(MESSAGE, { messageId }, { token: headC.token });
    expect(interAgencyMessage).toEqual({ messageId, consumerSystem: { id: realId } });
    // The squat now competes with a system that carries traffic; approving it is refused.
    expect((await queue()).get(squatId)).toEqual(['TRAFFIC_UNDER_OTHER_ORGANIZATION']);
    const approveSquat = await t.gql.request(
      DECIDE_SYSTEM,
      { id: squatId, approve: true },
      { token: operator },
    );
    expect(approveSquat.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'MNEMONIC_TAKEN',
    });
    const [stored] = await t.dataSource.query<{ status: string; owned_mnemonic: string | null }[]>(
      'SELECT status, owned_mnemonic FROM information_systems WHERE id = ?',
      [squatId],
    );
    expect(stored).toEqual({ status: 'PENDING', owned_mnemonic: null });
    // Nobody else may register the owned mnemonic in PROD; TEST is another environment.
    const third = await register(headA.token);
    expect(third.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'MNEMONIC_TAKEN',
    });
    expect((await register(headA.token, 'TEST')).errors).toBeUndefined();
  });
  it('should hold a TEST registration of a mnemonic with held traffic for the operator', async () => {
    const provider = await activeTestSystem(t, headA.token, 'HOLD_PROV');
    const namespaceUri = `urn://hold/${randomUUID()}`;
    await registerKind(headA.token, provider.id, namespaceUri, '1');
    const used = mnemonic('HOLD_REAL');
    const messageId = randomUUID();
    await t.gql.ok(
      RECORD,
      {
        events: [
          {
            messageId,
            dataKindNamespaceUri: namespaceUri,
            consumerMnemonic: used,
            providerMnemonic: provider.mnemonic,
            environment: 'TEST',
            status: 'SENT',
            at: new Date().toISOString(),
          },
        ],
      },
      { token: feed },
    );
    const register = async (token: string) => {
      const { registerInformationSystem } = await t.gql.ok(
        REGISTER_SYSTEM,
        { input: { mnemonic: used, name: 'Тестовая', environment: 'TEST' } },
        { token },
      );
      return registerInformationSystem.id as string;
    };
    const stored = async (id: string) => {
      const [row] = await t.dataSource.query<{ status: string; held: number }[]>(
        'SELECT status, review_held_at IS NOT NULL AS held FROM information_systems WHERE id = ?',
        [id],
      );
      return { status: row.status, held: Number(row.held) };
    };

    // The automatic check does not activate B's registration: the operator's queue shows it.
    const squatId = await register(headB.token);
    await waitForQueueIdle(t.app, 'inter-agency');
    await t.app.get(InformationSystemService).activateTest(squatId);
    expect(await stored(squatId)).toEqual({ status: 'PENDING', held: 1 });
    const { informationSystems } = await t.gql.ok(OPERATOR_QUEUE, {}, { token: operator });
    expect(
      (informationSystems as QueuedSystem[])
        .find((s) => s.id === squatId)
        ?.reviewFlags.map((f) => f.code),
    ).toEqual(['HELD_TRAFFIC']);
    expect(
      (await t.gql.ok(MESSAGE, { messageId }, { token: headB.token })).interAgencyMessage,
    ).toBeNull();

    // The operator rejects the squat and approves the real owner, who then gets the traffic.
    await t.gql.ok(
      DECIDE_SYSTEM,
      { id: squatId, approve: false, reason: 'Мнемоника принадлежит другой организации' },
      { token: operator },
    );
    expect((await stored(squatId)).status).toBe('REJECTED');
    const orgC = await insertOrganization(t.dataSource, 'Настоящий владелец (тест)');
    const headC = await member(t, orgC, 'HEAD');
    const realId = await register(headC.token);
    await waitForQueueIdle(t.app, 'inter-agency');
    expect(await stored(realId)).toEqual({ status: 'PENDING', held: 1 });
    await t.gql.ok(DECIDE_SYSTEM, { id: realId, approve: true }, { token: operator });
    const { interAgencyMessage } = await t.gql.ok(MESSAGE, { messageId }, { token: headC.token });
    expect(interAgencyMessage).toEqual({ messageId, consumerSystem: { id: realId } });
  });
});
