import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  activeTestSystem,
  insertOrganization,
  member,
  Member,
  platformClientToken,
  REGISTER_KIND,
} from './inter-agency-e2e.helpers';

const RECORD = `mutation($events: [MessageEventInput!]!) { recordInterAgencyMessageEvents(events: $events) }`;

const MESSAGE_FIELDS = `messageId environment status createdAt updatedAt
  dataKind { id } consumerSystem { id } providerSystem { id } events { status at detail }`;

const MESSAGE = `query($messageId: String!) { interAgencyMessage(messageId: $messageId) { ${MESSAGE_FIELDS} } }`;

const MESSAGES = `query($filter: InterAgencyMessageFilter, $first: Int, $after: String) {
  interAgencyMessages(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { messageId status createdAt } }
  }
}`;

const UPDATED = `subscription($messageId: String) {
  interAgencyMessageUpdated(messageId: $messageId) { messageId status events { status } }
}`;

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('inter-agency: message monitoring', () => {
  let t: TestApp;
  let consumer: Member;
  let provider: Member;
  let outsider: Member;
  let feed: string;
  let consumerMnemonic: string;
  let providerMnemonic: string;
  let namespaceUri: string;
  let dataKindId: string;

  const event = (
    messageId: string,
    status: string,
    at: string,
    extra: Record<string, unknown> = {},
  ) => ({
    messageId,
    dataKindNamespaceUri: namespaceUri,
    consumerMnemonic,
    providerMnemonic,
    environment: 'TEST',
    status,
    at,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const [orgA, orgB, orgC] = await Promise.all([
      insertOrganization(t.dataSource, 'Поставщик'),
      insertOrganization(t.dataSource, 'Потребитель'),
      insertOrganization(t.dataSource, 'Посторонний'),
    ]);
    provider = await member(t, orgA, 'HEAD');
    consumer = await member(t, orgB, 'HEAD');
    outsider = await member(t, orgC, 'HEAD');
    const providerSystem = await activeTestSystem(t, provider.token, 'PROV');
    const consumerSystem = await activeTestSystem(t, consumer.token, 'CONS');
    providerMnemonic = providerSystem.mnemonic;
    consumerMnemonic = consumerSystem.mnemonic;
    namespaceUri = `urn://monitor/${randomUUID()}/1.0`;
    const { registerDataKind } = await t.gql.ok(
      REGISTER_KIND,
      {
        input: {
          ownerSystemId: providerSystem.id,
          name: 'Сведения для мониторинга',
          namespaceUri,
          version: '1.0',
          rootElement: 'Request',
        },
      },
      { token: provider.token },
    );
    dataKindId = registerDataKind.id;
    feed = await platformClientToken(t, ['messages:write']);
  });

  afterAll(async () => {
    await t.close();
  });

  it('should give the right timeline and final status for events in shuffled order', async () => {
    const messageId = randomUUID();
    const timeline = [
      event(messageId, 'SENT', '2026-03-02T09:00:00.000Z', { providerMnemonic: null }),
      event(messageId, 'DELIVERED', '2026-03-02T09:00:00.250Z'),
      event(messageId, 'ANSWERED', '2026-03-02T09:00:03.000Z', { detail: 'Ответ получен' }),
    ];
    const shuffled = shuffle(timeline);
    // Split over two calls, in shuffled order: the latest event may even come first.
    const first = await t.gql.ok(RECORD, { events: shuffled.slice(0, 2) }, { token: feed });
    const second = await t.gql.ok(RECORD, { events: shuffled.slice(2) }, { token: feed });
    expect(first.recordInterAgencyMessageEvents + second.recordInterAgencyMessageEvents).toBe(3);
    // Repeats are idempotent and not counted.
    const repeat = await t.gql.ok(RECORD, { events: shuffle(timeline) }, { token: feed });
    expect(repeat.recordInterAgencyMessageEvents).toBe(0);

    for (const who of [consumer, provider]) {
      const { interAgencyMessage } = await t.gql.ok(MESSAGE, { messageId }, { token: who.token });
      expect(interAgencyMessage).toMatchObject({
        messageId,
        environment: 'TEST',
        status: 'ANSWERED',
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: '2026-03-02T09:00:03.000Z',
        dataKind: { id: dataKindId },
        providerSystem: { id: expect.any(String) },
      });
      expect(interAgencyMessage.events).toEqual([
        { status: 'SENT', at: '2026-03-02T09:00:00.000Z', detail: null },
        { status: 'DELIVERED', at: '2026-03-02T09:00:00.250Z', detail: null },
        { status: 'ANSWERED', at: '2026-03-02T09:00:03.000Z', detail: 'Ответ получен' },
      ]);
    }

    // An earlier event arriving last changes neither the status nor the latest time.
    await t.gql.ok(
      RECORD,
      { events: [event(messageId, 'ERROR', '2026-03-02T08:59:59.000Z', { detail: 'Повтор' })] },
      { token: feed },
    );
    const { interAgencyMessage: after } = await t.gql.ok(
      MESSAGE,
      { messageId },
      { token: consumer.token },
    );
    expect(after.status).toBe('ANSWERED');
    expect(after.createdAt).toBe('2026-03-02T08:59:59.000Z');
    expect(after.events).toHaveLength(4);

    // Organization C is neither side: null, and nothing in its search.
    const hidden = await t.gql.ok(MESSAGE, { messageId }, { token: outsider.token });
    expect(hidden.interAgencyMessage).toBeNull();
    const search = await t.gql.ok(MESSAGES, { filter: { messageId } }, { token: outsider.token });
    expect(search.interAgencyMessages).toMatchObject({ totalCount: 0, edges: [] });
    const all = await t.gql.ok(MESSAGES, {}, { token: outsider.token });
    expect(all.interAgencyMessages.totalCount).toBe(0);
  });

  it('should keep the latest status when events of one message race in parallel calls', async () => {
    const messageIds = Array.from({ length: 5 }, () => randomUUID());
    const calls = messageIds.flatMap((id) => [
      [event(id, 'ANSWERED', '2026-03-03T10:00:02.000Z')],
      [event(id, 'SENT', '2026-03-03T10:00:00.000Z', { providerMnemonic: null })],
      [event(id, 'DELIVERED', '2026-03-03T10:00:01.000Z')],
    ]);
    const counts = await Promise.all(
      shuffle(calls).map((events) => t.gql.ok(RECORD, { events }, { token: feed })),
    );
    expect(counts.reduce((sum, c) => sum + Number(c.recordInterAgencyMessageEvents), 0)).toBe(15);
    for (const messageId of messageIds) {
      const { interAgencyMessage } = await t.gql.ok(
        MESSAGE,
        { messageId },
        { token: provider.token },
      );
      expect(interAgencyMessage).toMatchObject({
        status: 'ANSWERED',
        createdAt: '2026-03-03T10:00:00.000Z',
        updatedAt: '2026-03-03T10:00:02.000Z',
        providerSystem: { id: expect.any(String) },
      });
      expect(interAgencyMessage.events.map((e: { status: string }) => e.status)).toEqual([
        'SENT',
        'DELIVERED',
        'ANSWERED',
      ]);
    }
  });

  it('should search by filter with keyset pages for both sides', async () => {
    const base = Date.parse('2026-04-01T00:00:00.000Z');
    const ids = Array.from({ length: 7 }, () => randomUUID());
    const events = ids.flatMap((id, i) => [
      event(id, 'SENT', new Date(base + i * 60_000).toISOString()),
      event(
        id,
        i % 3 === 0 ? 'ERROR' : 'DELIVERED',
        new Date(base + i * 60_000 + 500).toISOString(),
      ),
    ]);
    expect(
      (await t.gql.ok(RECORD, { events }, { token: feed })).recordInterAgencyMessageEvents,
    ).toBe(14);
    const window = { from: '2026-04-01T00:00:00.000Z', to: '2026-04-01T01:00:00.000Z' };

    for (const who of [consumer, provider]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: any = await t.gql.ok(
          MESSAGES,
          { filter: { ...window, environment: 'TEST' }, first: 3, after },
          { token: who.token },
        );
        expect(res.interAgencyMessages.totalCount).toBe(7);
        seen.push(
          ...res.interAgencyMessages.edges.map(
            (e: { node: { messageId: string } }) => e.node.messageId,
          ),
        );
        if (!res.interAgencyMessages.pageInfo.hasNextPage) {
          break;
        }
        after = res.interAgencyMessages.pageInfo.endCursor;
      }
      expect(seen).toEqual([...ids].reverse());
    }
    const errors = await t.gql.ok(
      MESSAGES,
      { filter: { ...window, status: 'ERROR', dataKindId } },
      { token: consumer.token },
    );
    expect(
      errors.interAgencyMessages.edges.map(
        (e: { node: { messageId: string } }) => e.node.messageId,
      ),
    ).toEqual([ids[6], ids[3], ids[0]]);
    const narrow = await t.gql.ok(
      MESSAGES,
      {
        filter: {
          from: new Date(base + 60_000).toISOString(),
          to: new Date(base + 180_000).toISOString(),
        },
      },
      { token: provider.token },
    );
    expect(
      narrow.interAgencyMessages.edges.map(
        (e: { node: { messageId: string } }) => e.node.messageId,
      ),
    ).toEqual([ids[2], ids[1]]);
    const reversed = await t.gql.request(
      MESSAGES,
      { filter: { from: window.to, to: window.from } },
      { token: consumer.token },
    );
    expect(reversed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should deliver live updates to the parties only', async () => {
    const messageId = randomUUID();
    const mine = t.gql.ws(consumer.token);
    const theirs = t.gql.ws(outsider.token);
    await Promise.all([mine.connected, theirs.connected]);
    const sub = mine.subscribe(UPDATED, { messageId });
    const other = theirs.subscribe(UPDATED, {});
    await new Promise((r) => setTimeout(r, 300));
    await t.gql.ok(
      RECORD,
      { events: [event(messageId, 'SENT', new Date().toISOString())] },
      { token: feed },
    );
    const update = await sub.next();
    expect(update.data?.interAgencyMessageUpdated).toEqual({
      messageId,
      status: 'SENT',
      events: [{ status: 'SENT' }],
    });
    await expect(other.next(700)).rejects.toThrow(/timed out/);
    sub.stop();
    other.stop();
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('should refuse whole batches that are too large or name unknown kinds of data, writing nothing', async () => {
    const messageId = randomUUID();
    const unknown = await t.gql.request(
      RECORD,
      {
        events: [
          event(messageId, 'SENT', '2026-05-01T10:00:00Z'),
          event(randomUUID(), 'SENT', '2026-05-01T10:00:00Z', {
            dataKindNamespaceUri: 'urn://nope',
          }),
        ],
      },
      { token: feed },
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'MESSAGE_EVENTS_INVALID',
      fields: [{ field: 'events.1.dataKindNamespaceUri', message: expect.any(String) }],
    });
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM inter_agency_message_events WHERE message_id = ?',
      [messageId],
    );
    expect(Number(n)).toBe(0);

    const tooMany = Array.from({ length: 1001 }, (_, i) =>
      event(`bulk-${i}`, 'SENT', '2026-05-01T10:00:00Z'),
    );
    const large = await t.gql.request(RECORD, { events: tooMany }, { token: feed });
    expect(large.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'MESSAGE_BATCH_TOO_LARGE',
    });
    const future = await t.gql.request(
      RECORD,
      { events: [event(randomUUID(), 'SENT', '2099-01-01T00:00:00Z')] },
      { token: feed },
    );
    expect(future.errors?.[0].extensions?.fields).toEqual([
      { field: 'events.0.at', message: expect.any(String) },
    ]);
  });

  it('should take events from platform clients with messages:write only', async () => {
    const events = [event(randomUUID(), 'SENT', '2026-05-01T10:00:00Z')];
    const anonymous = await t.gql.request(RECORD, { events });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const user = await t.gql.request(RECORD, { events }, { token: consumer.token });
    expect(user.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherScope = await platformClientToken(t, ['events:write']);
    const wrong = await t.gql.request(RECORD, { events }, { token: otherScope });
    expect(wrong.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // And a platform client has no portal: it cannot read messages.
    const read = await t.gql.request(MESSAGES, {}, { token: feed });
    expect(read.errors?.[0].extensions?.code).toBe('ORGANIZATION_CONTEXT_REQUIRED');
  });
});
