import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { registerAccount } from '../auth/auth-e2e.helpers';
import {
  DashboardHarness,
  eventually,
  externalId,
  fineEvent,
  INGEST,
  NOTIFICATIONS,
  person,
  platformClientToken,
  provenVehicle,
  randomPlate,
  startDashboardApp,
  SUBSCRIBE,
} from '../dashboard/dashboard-e2e.helpers';
import { ServiceEventRetentionTask } from '../../../src/modules/service-events';
import { runCli } from '../../support/cli';
import { signTestToken } from '../../support/tokens';

const RETRACTED = 'subscription { notificationRetracted }';
const DELETE = 'mutation($password: String!) { deleteAccount(password: $password) }';
const MY_LOG = '{ myDataAccessLog { edges { node { actor action } } } }';
const DAY_MS = 24 * 3600 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('service events: ownership, retraction, deletion and retention', () => {
  let h: DashboardHarness;
  let client: string;
  let messaging: Queue;

  beforeAll(async () => {
    h = await startDashboardApp();
    client = await platformClientToken(h);
    messaging = h.t.app.get<Queue>(getQueueToken('messaging'));
  });

  afterAll(async () => {
    await h.close();
  });

  async function stored(source: string, id: string) {
    const [row] = await h.t.dataSource.query<
      { id: string; title: string; subject_value: string; client_id: string; revision: number }[]
    >(
      `SELECT id, title, subject_value, client_id, revision FROM service_events
        WHERE source = ? AND external_id = ?`,
      [source, id],
    );
    return row;
  }

  async function fannedOut(source: string, id: string): Promise<void> {
    await eventually(async () => {
      const [row] = await h.t.dataSource.query<{ done: number }[]>(
        `SELECT fanned_out_revision = revision AS done FROM service_events
          WHERE source = ? AND external_id = ?`,
        [source, id],
      );
      return row && Number(row.done) === 1;
    });
  }

  async function notificationsOf(userId: string): Promise<{ id: string; event_id: string }[]> {
    return h.t.dataSource.query('SELECT id, event_id FROM notifications WHERE user_id = ?', [
      userId,
    ]);
  }

  /** A driver with a plate proven theirs, subscribed to fines (in-app and SMS). */
  async function driver() {
    const someone = await person(h);
    const plate = randomPlate();
    await provenVehicle(h, someone, plate);
    await h.gql.ok(
      SUBSCRIBE,
      { category: 'TRAFFIC_FINES', channels: ['IN_APP', 'SMS'] },
      { token: someone.token },
    );
    return { ...someone, plate };
  }

  it('should refuse a source the client was not given, and another client’s event, writing nothing', async () => {
    const gibdd = await platformClientToken(h, ['events:write'], ['gibdd']);
    const other = await platformClientToken(h, ['events:write'], ['gibdd', 'mosvodokanal']);
    const plate = randomPlate();
    const fine = fineEvent(plate);

    const foreign = await h.gql.request(
      INGEST,
      { events: [fine, { ...fineEvent(plate), source: 'mosvodokanal' }] },
      { token: gibdd },
    );
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'EVENT_SOURCE_NOT_ALLOWED',
      fields: [{ field: 'events[1].source', message: expect.stringContaining('mosvodokanal') }],
    });
    // All or nothing: the allowed event of the batch was not stored either.
    expect(await stored('gibdd', fine.externalId)).toBeUndefined();

    await h.gql.ok(INGEST, { events: [fine] }, { token: gibdd });
    const original = await stored('gibdd', fine.externalId);
    // The same source, another client: neither a new revision nor a new subject of that event.
    const hijack = {
      ...fine,
      title: 'Штраф отменён',
      subject: { ...fine.subject, value: randomPlate() },
    };
    const fresh = fineEvent(randomPlate());
    const refused = await h.gql.request(INGEST, { events: [fresh, hijack] }, { token: other });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'EVENT_OWNED_BY_ANOTHER_CLIENT',
      fields: [{ field: 'events[1].externalId', message: expect.any(String) }],
    });
    expect(refused.errors?.[0].message).toMatch(/другая система/);
    expect(await stored('gibdd', fine.externalId)).toEqual(original);
    expect(await stored('gibdd', fresh.externalId)).toBeUndefined();

    // Its own client still revises it.
    const revised = await h.gql.ok(
      INGEST,
      { events: [{ ...fine, title: 'Штраф изменён' }] },
      { token: gibdd },
    );
    expect(revised.ingestServiceEvents).toEqual({ accepted: 1, duplicates: 0 });
    expect((await stored('gibdd', fine.externalId)).revision).toBe(2);
  });

  it('should give clients their sources from the CLI and change them', async () => {
    const source = `cli.${randomUUID().slice(0, 8)}`;
    const created = await runCli([
      'create-api-client',
      '--name',
      'Городская система',
      '--scopes',
      'events:write',
      '--sources',
      `${source}, ${source}`,
    ]);
    expect(created.stderr).toBe('');
    const made = JSON.parse(created.stdout);
    expect(made.sources).toEqual([source]);
    const token = await signTestToken(h.t.app, {
      sub: made.id,
      typ: 'client',
      scope: 'events:write',
    });
    const event = { ...fineEvent(randomPlate()), source };
    await h.gql.ok(INGEST, { events: [event] }, { token });

    const [changed, bad, noScope] = await Promise.all([
      runCli(['set-event-sources', '--client', made.clientId, '--sources', `${source}.v2`]),
      runCli(['set-event-sources', '--client', made.clientId, '--sources', 'пробел есть']),
      runCli(['create-api-client', '--name', 'X', '--scopes', 'messages:write', '--sources', 'a']),
    ]);
    expect(JSON.parse(changed.stdout).sources).toEqual([`${source}.v2`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid sources/);
    expect(noScope.code).toBe(2);
    const old = await h.gql.request(
      INGEST,
      { events: [{ ...fineEvent(randomPlate()), source }] },
      { token },
    );
    expect(old.errors?.[0].extensions?.subCode).toBe('EVENT_SOURCE_NOT_ALLOWED');
    await h.gql.ok(
      INGEST,
      { events: [{ ...fineEvent(randomPlate()), source: `${source}.v2` }] },
      { token },
    );
  }, 60_000);

  it('should retract the old subject’s notification when a revision changes the subject', async () => {
    const wrong = await driver();
    const right = await driver();
    const ws = h.gql.ws(wrong.token);
    await ws.connected;
    const live = ws.subscribe(RETRACTED);
    await sleep(300);
    // The messaging worker of this process stops taking jobs: the SMS copies wait in the queue.
    await messaging.pause(true);
    try {
      const fine = fineEvent(wrong.plate);
      await h.gql.ok(INGEST, { events: [fine] }, { token: client });
      await fannedOut('gibdd', fine.externalId);
      const [given] = await notificationsOf(wrong.id);
      expect(given).toBeDefined();
      expect(await messaging.getJob(`notification-copy:${given.id}:sms`)).not.toBeNull();

      // The agency typed the wrong plate: the same event now names the right car.
      await h.gql.ok(
        INGEST,
        { events: [{ ...fine, subject: { kind: 'VEHICLE_PLATE', value: right.plate } }] },
        { token: client },
      );
      await fannedOut('gibdd', fine.externalId);

      expect(await notificationsOf(wrong.id)).toEqual([]);
      const inbox = await h.gql.ok(NOTIFICATIONS, {}, { token: wrong.token });
      expect(inbox.notifications.totalCount).toBe(0);
      expect(await messaging.getJob(`notification-copy:${given.id}:sms`)).toBeNull();
      const told = await live.next(20_000);
      expect(told.data?.notificationRetracted).toBe(given.id);
      expect((await notificationsOf(right.id)).map((n) => n.event_id)).toEqual([given.event_id]);
    } finally {
      await messaging.resume(true);
      await ws.close();
    }
  });

  it('should on deleteAccount drop the person’s notifications and queued copies and relabel other people’s logs', async () => {
    const account = await registerAccount(h);
    const plate = randomPlate();
    await provenVehicle(h, { id: account.userId, phone: '', token: account.accessToken }, plate);
    await h.gql.ok(
      SUBSCRIBE,
      { category: 'TRAFFIC_FINES', channels: ['IN_APP', 'SMS'] },
      { token: account.accessToken },
    );
    // The person, as an organization's employee, once read someone else's data.
    const other = await person(h);
    await h.t.dataSource.query(
      `INSERT INTO data_access_log
              (id, subject_user_id, actor_kind, actor_id, actor_label, action, fields, purpose, ip, created_at)
       VALUES (?, ?, 'ORGANIZATION_MEMBER', ?, ?, 'READ', '["vehicles"]', NULL, NULL, NOW(3))`,
      [
        randomUUID(),
        other.id,
        account.userId,
        `ООО «Ромашка», сотрудник ${account.lastName} А. Б.`,
      ],
    );
    await messaging.pause(true);
    try {
      const fine = fineEvent(plate);
      await h.gql.ok(INGEST, { events: [fine] }, { token: client });
      await fannedOut('gibdd', fine.externalId);
      const [given] = await notificationsOf(account.userId);
      expect(await messaging.getJob(`notification-copy:${given.id}:sms`)).not.toBeNull();

      await h.gql.ok(DELETE, { password: account.password }, { token: account.accessToken });

      expect(await notificationsOf(account.userId)).toEqual([]);
      expect(await messaging.getJob(`notification-copy:${given.id}:sms`)).toBeNull();
      // A new revision about the plate reaches nobody.
      await h.gql.ok(INGEST, { events: [{ ...fine, title: 'Штраф изменён' }] }, { token: client });
      await fannedOut('gibdd', fine.externalId);
      const [left] = await h.t.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM notifications WHERE event_id = ?',
        [given.event_id],
      );
      expect(Number(left.n)).toBe(0);
    } finally {
      await messaging.resume(true);
    }
    const log = await h.gql.ok(MY_LOG, {}, { token: other.token });
    const actors = log.myDataAccessLog.edges.map((e: { node: { actor: string } }) => e.node.actor);
    expect(actors).toContain('ООО «Ромашка», удалённая учётная запись');
    expect(actors.join(' ')).not.toContain(account.lastName);
    const [row] = await h.t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM data_access_log WHERE actor_id = ?',
      [account.userId],
    );
    expect(Number(row.n)).toBe(0);
  });

  it('should delete events past retention with their notifications, oldest first', async () => {
    const owner = await driver();
    // The plate was proven theirs four years ago, so an event of three years ago reaches them.
    await h.t.dataSource.query(
      'UPDATE vehicles SET verified_at = NOW(3) - INTERVAL 1200 DAY WHERE plate = ? AND user_id = ?',
      [owner.plate, owner.id],
    );
    const now = new Date();
    const old = fineEvent(owner.plate, {
      externalId: externalId('old'),
      occurredAt: new Date(now.getTime() - 1100 * DAY_MS).toISOString(),
      dueAt: null,
    });
    const recent = fineEvent(owner.plate, { externalId: externalId('recent') });
    await h.gql.ok(INGEST, { events: [old, recent] }, { token: client });
    await fannedOut('gibdd', old.externalId);
    await fannedOut('gibdd', recent.externalId);
    const oldId = (await stored('gibdd', old.externalId)).id;
    const recentId = (await stored('gibdd', recent.externalId)).id;
    expect((await notificationsOf(owner.id)).map((n) => n.event_id).sort()).toEqual(
      [oldId, recentId].sort(),
    );

    const task = h.t.app.get(ServiceEventRetentionTask, { strict: false });
    expect(await task.run(now)).toBeGreaterThanOrEqual(1);
    expect(await stored('gibdd', old.externalId)).toBeUndefined();
    expect(await stored('gibdd', recent.externalId)).toBeDefined();
    expect((await notificationsOf(owner.id)).map((n) => n.event_id)).toEqual([recentId]);

    // 1 095 days on (the default), the recent one is past retention too.
    await task.run(new Date(now.getTime() + 1096 * DAY_MS));
    expect(await stored('gibdd', recent.externalId)).toBeUndefined();
    expect(await notificationsOf(owner.id)).toEqual([]);
  });
});
