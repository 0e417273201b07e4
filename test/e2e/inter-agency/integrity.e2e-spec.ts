// Issue: the catalogue and the message monitor must not be misled by another organization
// (squatted mnemonics and namespaces, self-approval, leaks through the catalogue).
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ADD_QUEUE,
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
} from './inter-agency-e2e.helpers';
import { insertUser } from '../../support/db-fixtures';
import { signTestToken } from '../../support/tokens';
import { PlatformRole, PlatformRolesService } from '../../../src/modules/platform-roles';

const RECORD = `mutation($events: [MessageEventInput!]!) { recordInterAgencyMessageEvents(events: $events) }`;
const MESSAGE = `query($messageId: String!) {
  interAgencyMessage(messageId: $messageId) { messageId environment consumerSystem { id } events { status } }
}`;
const TIMELINE = `query($filter: InterAgencyMessageFilter) {
  interAgencyMessages(filter: $filter) {
    edges { node { messageId environment status consumerSystem { id } events { status } } }
  }
}`;
const HELD = `query($environment: Environment) {
  heldInterAgencyMessageEvents(environment: $environment) { messageId environment consumerMnemonic providerMnemonic status }
}`;

const KIND_QUEUES = `query($search: String) {
  dataKinds(search: $search) { edges { node { id ownerSystem { id specialQueues { name } } } } }
}`;

describe('inter-agency: integrity of the catalogue and the monitor', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let headA: Member;
  let headB: Member;
  let operator: string;

  beforeAll(async () => {
    t = await createTestApp();
    orgA = await insertOrganization(t.dataSource, 'Владелец');
    orgB = await insertOrganization(t.dataSource, 'Посторонний');
    headA = await member(t, orgA, 'HEAD', { email: true });
    headB = await member(t, orgB, 'HEAD', { email: true });
    operator = await operatorToken(t);
  });

  afterAll(async () => {
    await t.close();
  });

  async function prodSystem(
    token: string,
    prefix: string,
  ): Promise<{ id: string; mnemonic: string }> {
    const { registerInformationSystem } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic(prefix), name: prefix, environment: 'PROD' } },
      { token },
    );
    await t.gql.ok(
      DECIDE_SYSTEM,
      { id: registerInformationSystem.id, approve: true },
      { token: operator },
    );
    return registerInformationSystem as { id: string; mnemonic: string };
  }

  it('should never let an operator decide their own organization’s registration', async () => {
    const { id: userId } = await insertUser(t.dataSource);
    await t.app.get(PlatformRolesService).grant(userId, PlatformRole.INTER_AGENCY_OPERATOR);
    await addMember(t.dataSource, orgA, userId, 'EMPLOYEE');
    const insider = await signTestToken(t.app, { sub: userId });
    const { registerInformationSystem: system } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: mnemonic('OWN'), name: 'Своя', environment: 'PROD' } },
      { token: headA.token },
    );
    for (const approve of [true, false]) {
      const refused = await t.gql.request(
        DECIDE_SYSTEM,
        { id: system.id, approve, reason: approve ? null : 'нет' },
        { token: insider },
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        subCode: 'OWN_ORGANIZATION_DECISION',
      });
      expect(refused.errors?.[0].message).toContain('своей организации');
    }
    const [row] = await t.dataSource.query<{ status: string; decided_by_user_id: string | null }[]>(
      'SELECT status, decided_by_user_id FROM information_systems WHERE id = ?',
      [system.id],
    );
    expect(row).toEqual({ status: 'PENDING', decided_by_user_id: null });
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM inter_agency_audit_log WHERE target_id = ? AND actor_user_id = ?',
      [system.id, userId],
    );
    expect(Number(n)).toBe(0);
    // An operator from outside decides it.
    const decided = await t.gql.ok(
      DECIDE_SYSTEM,
      { id: system.id, approve: true },
      { token: operator },
    );
    expect(decided.decideInformationSystem.status).toBe('ACTIVE');
  });

  it('should show a system’s special queues to its own organization only', async () => {
    const system = await prodSystem(headA.token, 'QUEUES');
    await t.gql.ok(
      ADD_QUEUE,
      { systemId: system.id, name: 'SECRET_QUEUE' },
      { token: headA.token },
    );
    const namespaceUri = `urn://queues/${randomUUID()}`;
    await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: system.id,
          name: 'Вид с очередями',
          namespaceUri,
          version: '1',
          rootElement: 'Request',
        },
      },
      { token: headA.token },
    );
    const queuesSeenBy = async (token: string) => {
      const { dataKinds } = await t.gql.ok(KIND_QUEUES, { search: namespaceUri }, { token });
      expect(dataKinds.edges).toHaveLength(1);
      const queues = dataKinds.edges[0].node.ownerSystem.specialQueues as { name: string }[];
      return queues.map((q) => q.name);
    };
    expect(await queuesSeenBy(headA.token)).toEqual(['SECRET_QUEUE']);
    expect(await queuesSeenBy(headB.token)).toEqual([]);
  });

  it('should hold aside events for a mnemonic that is not ACTIVE and credit them once it is', async () => {
    const feed = await platformClientToken(t, ['messages:write']);
    const provider = await prodSystem(headA.token, 'PROVIDER');
    const namespaceUri = `urn://held/${randomUUID()}`;
    await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: provider.id,
          name: 'Вид для удержания',
          namespaceUri,
          version: '1',
          rootElement: 'Request',
        },
      },
      { token: headA.token },
    );
    // B registers a PROD mnemonic that the real traffic uses; the operator has not decided.
    const squatted = mnemonic('REAL');
    const { registerInformationSystem: squat } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: squatted, name: 'Захват', environment: 'PROD' } },
      { token: headB.token },
    );
    const messageId = randomUUID();
    const event = {
      messageId,
      dataKindNamespaceUri: namespaceUri,
      consumerMnemonic: squatted,
      providerMnemonic: provider.mnemonic,
      environment: 'PROD',
      status: 'SENT',
      at: '2026-06-01T10:00:00.000Z',
    };
    const recorded = await t.gql.ok(RECORD, { events: [event] }, { token: feed });
    expect(recorded.recordInterAgencyMessageEvents).toBe(1);
    // Nobody is credited: not the squatter, not the provider.
    for (const token of [headB.token, headA.token]) {
      expect((await t.gql.ok(MESSAGE, { messageId }, { token })).interAgencyMessage).toBeNull();
    }
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM inter_agency_messages WHERE message_id = ?',
      [messageId],
    );
    expect(Number(n)).toBe(0);
    // Operators see it held aside; nobody else does.
    const { heldInterAgencyMessageEvents: held } = await t.gql.ok(
      HELD,
      { environment: 'PROD' },
      { token: operator },
    );
    expect(held).toContainEqual({
      messageId,
      environment: 'PROD',
      consumerMnemonic: squatted,
      providerMnemonic: provider.mnemonic,
      status: 'SENT',
    });
    const notOperator = await t.gql.request(HELD, {}, { token: headB.token });
    expect(notOperator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A repeat is not held twice.
    await t.gql.ok(RECORD, { events: [event] }, { token: feed });
    const [{ h }] = await t.dataSource.query<{ h: string }[]>(
      'SELECT COUNT(*) AS h FROM inter_agency_held_events WHERE message_id = ?',
      [messageId],
    );
    expect(Number(h)).toBe(1);

    // The operator rejects the squat; the real owner registers the mnemonic and is approved:
    // the held event is credited to the owner's system and leaves the held list.
    await t.gql.ok(
      DECIDE_SYSTEM,
      { id: squat.id, approve: false, reason: 'Мнемоника принадлежит другой организации' },
      { token: operator },
    );
    const orgC = await insertOrganization(t.dataSource, 'Настоящий владелец');
    const headC = await member(t, orgC, 'HEAD');
    const { registerInformationSystem: real } = await t.gql.ok(
      REGISTER_SYSTEM,
      { input: { mnemonic: squatted, name: 'Настоящая', environment: 'PROD' } },
      { token: headC.token },
    );
    await t.gql.ok(DECIDE_SYSTEM, { id: real.id, approve: true }, { token: operator });
    const { interAgencyMessage } = await t.gql.ok(MESSAGE, { messageId }, { token: headC.token });
    expect(interAgencyMessage).toEqual({
      messageId,
      environment: 'PROD',
      consumerSystem: { id: real.id },
      events: [{ status: 'SENT' }],
    });
    expect(
      (await t.gql.ok(MESSAGE, { messageId }, { token: headB.token })).interAgencyMessage,
    ).toBeNull();
    const after = await t.gql.ok(HELD, { environment: 'PROD' }, { token: operator });
    expect(
      (after.heldInterAgencyMessageEvents as { messageId: string }[]).map((e) => e.messageId),
    ).not.toContain(messageId);
  });

  it('should identify a message by environment and id, and check events against stored messages', async () => {
    const feed = await platformClientToken(t, ['messages:write']);
    const provider = await prodSystem(headA.token, 'IDPROV');
    const prodConsumer = await prodSystem(headB.token, 'IDCONS');
    const otherConsumer = await prodSystem(headB.token, 'IDOTHER');
    const testConsumer = await activeTestSystem(t, headB.token, 'IDTEST');
    const namespaceUri = `urn://identity/${randomUUID()}`;
    await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: provider.id,
          name: 'Вид для идентичности',
          namespaceUri,
          version: '1',
          rootElement: 'Request',
        },
      },
      { token: headA.token },
    );
    const messageId = randomUUID();
    const event = (consumerMnemonic: string, environment: string, status: string, at: string) => ({
      messageId,
      dataKindNamespaceUri: namespaceUri,
      consumerMnemonic,
      providerMnemonic: null,
      environment,
      status,
      at,
    });
    await t.gql.ok(
      RECORD,
      { events: [event(prodConsumer.mnemonic, 'PROD', 'SENT', '2026-06-02T10:00:00.000Z')] },
      { token: feed },
    );
    // The same id in TEST is another message: it never joins the PROD timeline.
    const testRecorded = await t.gql.ok(
      RECORD,
      { events: [event(testConsumer.mnemonic, 'TEST', 'DELIVERED', '2026-06-02T10:00:05.000Z')] },
      { token: feed },
    );
    expect(testRecorded.recordInterAgencyMessageEvents).toBe(1);
    const timelines = async (environment: string) => {
      const { interAgencyMessages } = await t.gql.ok(
        TIMELINE,
        { filter: { messageId, environment } },
        { token: headB.token },
      );
      return (interAgencyMessages.edges as { node: unknown }[]).map((e) => e.node);
    };
    expect(await timelines('PROD')).toEqual([
      {
        messageId,
        environment: 'PROD',
        status: 'SENT',
        consumerSystem: { id: prodConsumer.id },
        events: [{ status: 'SENT' }],
      },
    ]);
    expect(await timelines('TEST')).toEqual([
      {
        messageId,
        environment: 'TEST',
        status: 'DELIVERED',
        consumerSystem: { id: testConsumer.id },
        events: [{ status: 'DELIVERED' }],
      },
    ]);

    // A later batch naming another consumer for the stored PROD message is refused whole.
    const refused = await t.gql.request(
      RECORD,
      { events: [event(otherConsumer.mnemonic, 'PROD', 'ANSWERED', '2026-06-02T10:01:00.000Z')] },
      { token: feed },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'MESSAGE_EVENTS_INVALID',
      fields: [{ field: 'events.0.messageId', message: expect.any(String) }],
    });
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      `SELECT COUNT(*) AS n FROM inter_agency_message_events WHERE message_id = ? AND status = 'ANSWERED'`,
      [messageId],
    );
    expect(Number(n)).toBe(0);
    expect((await timelines('PROD'))[0]).toMatchObject({ status: 'SENT' });
  });
});
