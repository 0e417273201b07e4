import { randomInt } from 'node:crypto';
import { seedSubscribers } from '../../../bench/notifications-seed';
import {
  DashboardHarness,
  eventually,
  externalId,
  INGEST,
  NOTIFICATIONS,
  person,
  platformClientToken,
  startDashboardApp,
  UPDATE_PROFILE,
} from './dashboard-e2e.helpers';

// The 10 000-subscriber figure comes from `npm run bench:notifications`; here 2 000 accounts
// (four pages of 500) keep the e2e run short on a shared machine while exercising the paging.
const SUBSCRIBERS = 2000;

describe('dashboard: fan-out of one event to many subscribers', () => {
  let h: DashboardHarness;
  let client: string;

  beforeAll(async () => {
    h = await startDashboardApp({ NOTIFICATIONS_FANOUT_CHUNK: '500' });
    client = await platformClientToken(h);
  });

  afterAll(async () => {
    await h.close();
  });

  it('should give every subscriber at the address exactly one notification, set-based', async () => {
    const address = `Москва, ул. Общая, д. ${randomInt(1, 1_000_000)}`;
    const { userIds } = await seedSubscribers(h.t.dataSource, {
      count: SUBSCRIBERS,
      address,
      category: 'HOT_WATER_SHUTOFF',
      phonePrefix: String(randomInt(100, 1000)),
    });
    // Same address, not subscribed: matched, but gets nothing.
    const bystander = await person(h);
    await h.gql.ok(
      UPDATE_PROFILE,
      { input: { address: address.toUpperCase() } },
      { token: bystander.token },
    );

    const event = {
      source: 'mosvodokanal',
      externalId: externalId('shutoff'),
      category: 'HOT_WATER_SHUTOFF',
      subject: { kind: 'ADDRESS', value: `  ${address.replace(/ /g, '  ')} ` },
      title: 'Плановое отключение горячей воды',
      body: 'С 1 по 14 июня, профилактические работы',
      occurredAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 14 * 86400_000).toISOString(),
    };
    const logger = h.t.dataSource.logger;
    const spy = jest.spyOn(logger, 'logQuery');
    try {
      const { ingestServiceEvents } = await h.gql.ok(
        INGEST,
        { events: [event] },
        { token: client },
      );
      expect(ingestServiceEvents).toEqual({ accepted: 1, duplicates: 0 });
      const [{ id: eventId }] = await h.t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM service_events WHERE source = ? AND external_id = ?',
        [event.source, event.externalId],
      );
      await eventually(async () => {
        const [row] = await h.t.dataSource.query<{ done: number }[]>(
          'SELECT fanned_out_revision = revision AS done FROM service_events WHERE id = ?',
          [eventId],
        );
        return Number(row.done) === 1;
      }, 60_000);
      const inserts = spy.mock.calls.filter(([sql]) => /INSERT INTO notifications/.test(sql));
      // One INSERT … SELECT per page of 500 matches (the bystander, matched case-insensitively,
      // is the 2 001st), not one per account.
      expect(inserts).toHaveLength(Math.ceil((SUBSCRIBERS + 1) / 500));
      expect(inserts.every(([sql]) => /SELECT UUID\(\)/.test(sql))).toBe(true);

      const [counts] = await h.t.dataSource.query<{ total: string; people: string }[]>(
        'SELECT COUNT(*) AS total, COUNT(DISTINCT user_id) AS people FROM notifications WHERE event_id = ?',
        [eventId],
      );
      expect({ total: Number(counts.total), people: Number(counts.people) }).toEqual({
        total: SUBSCRIBERS,
        people: SUBSCRIBERS,
      });
      const [sample] = await h.t.dataSource.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM notifications WHERE event_id = ? AND user_id IN (?, ?)',
        [eventId, userIds[0], userIds[SUBSCRIBERS - 1]],
      );
      expect(Number(sample.n)).toBe(2);
      const theirs = await h.gql.ok(NOTIFICATIONS, {}, { token: bystander.token });
      expect(theirs.notifications.totalCount).toBe(0);

      // Sent again: a duplicate, and still one notification each.
      const again = await h.gql.ok(INGEST, { events: [event] }, { token: client });
      expect(again.ingestServiceEvents).toEqual({ accepted: 0, duplicates: 1 });
      const [after] = await h.t.dataSource.query<{ total: string }[]>(
        'SELECT COUNT(*) AS total FROM notifications WHERE event_id = ?',
        [eventId],
      );
      expect(Number(after.total)).toBe(SUBSCRIBERS);
    } finally {
      spy.mockRestore();
    }
  });
});
