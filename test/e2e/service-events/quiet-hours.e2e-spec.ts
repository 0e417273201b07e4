import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import {
  DashboardHarness,
  eventually,
  externalId,
  INGEST,
  NOTIFICATION_RECEIVED,
  NOTIFICATIONS,
  person,
  Person,
  platformClientToken,
  startDashboardApp,
  SUBSCRIBE,
  UPDATE_PROFILE,
} from '../dashboard/dashboard-e2e.helpers';
import { NotificationCopySweeper } from '../../../src/modules/notifications/copies/notification-copy.sweeper';
import { NotificationClock } from '../../../src/modules/notifications/quiet-hours/notification-clock';
import { signTestToken } from '../../support/tokens';

const SETTINGS = '{ notificationSettings { quietHours { enabled from to } timeZone isDefault } }';
const UPDATE = `mutation($input: UpdateNotificationSettingsInput!) {
  updateNotificationSettings(input: $input) { settings { quietHours { enabled from to } isDefault } } }`;
const HOUR_MS = 3600_000;
const MSK_MS = 3 * HOUR_MS;

/** The latest 23:30 Moscow time before now, and 08:00 Moscow time the morning after it. */
function lastNight(): { night: Date; morning: Date } {
  const now = Date.now();
  const local = new Date(now + MSK_MS);
  local.setUTCHours(23, 30, 0, 0);
  let night = local.getTime() - MSK_MS;
  if (night > now) {
    night -= 24 * HOUR_MS;
  }
  return { night: new Date(night), morning: new Date(night + 8.5 * HOUR_MS) };
}

describe('notifications: quiet hours of SMS and e-mail copies', () => {
  let h: DashboardHarness;
  let client: string;
  let clock: jest.SpyInstance<Date, []>;
  let sweeper: NotificationCopySweeper;
  let messaging: Queue;
  const { night, morning } = lastNight();

  beforeAll(async () => {
    h = await startDashboardApp({ NOTIFICATIONS_QUIET_HOURS_DEFAULT: '22:00-08:00' });
    client = await platformClientToken(h);
    sweeper = h.t.app.get(NotificationCopySweeper, { strict: false });
    messaging = h.t.app.get<Queue>(getQueueToken('messaging'));
    clock = jest.spyOn(h.t.app.get(NotificationClock, { strict: false }), 'now');
    clock.mockReturnValue(night);
  });

  afterAll(async () => {
    clock.mockRestore();
    await h.close();
  });

  async function resident(category: string): Promise<Person & { address: string }> {
    const someone = await person(h);
    const address = `Москва, ул. Тихая, д. ${someone.id.slice(0, 8)}`;
    await h.gql.ok(UPDATE_PROFILE, { input: { address } }, { token: someone.token });
    await h.gql.ok(SUBSCRIBE, { category, channels: ['SMS'] }, { token: someone.token });
    return { ...someone, address };
  }

  async function shutoff(address: string, category = 'HOT_WATER_SHUTOFF'): Promise<string> {
    const id = externalId('quiet');
    await h.gql.ok(
      INGEST,
      {
        events: [
          {
            source: 'mosvodokanal',
            externalId: id,
            category,
            subject: { kind: 'ADDRESS', value: address },
            title: category === 'HOT_WATER_SHUTOFF' ? 'Отключение горячей воды' : 'Авария',
            body: 'Работы на сети',
            occurredAt: new Date().toISOString(),
          },
        ],
      },
      { token: client },
    );
    await eventually(async () => {
      const [row] = await h.t.dataSource.query<{ done: number }[]>(
        `SELECT fanned_out_revision = revision AS done FROM service_events
          WHERE source = 'mosvodokanal' AND external_id = ?`,
        [id],
      );
      return row && Number(row.done) === 1;
    });
    return id;
  }

  async function outbox(userId: string): Promise<{ id: string; due: Date | null }> {
    const [row] = await h.t.dataSource.query<{ id: string; due: Date | null }[]>(
      'SELECT id, copies_due_at AS due FROM notifications WHERE user_id = ?',
      [userId],
    );
    return row;
  }

  it('should show the default window, change it, and refuse bad windows leaving it unchanged', async () => {
    const someone = await person(h);
    const initial = await h.gql.ok(SETTINGS, {}, { token: someone.token });
    expect(initial.notificationSettings).toEqual({
      quietHours: { enabled: true, from: '22:00', to: '08:00' },
      timeZone: 'Europe/Moscow',
      isDefault: true,
    });
    const updated = await h.gql.ok(
      UPDATE,
      { input: { quietHours: { enabled: true, from: '23:00', to: '07:30' } } },
      { token: someone.token },
    );
    expect(updated.updateNotificationSettings.settings).toEqual({
      quietHours: { enabled: true, from: '23:00', to: '07:30' },
      isDefault: false,
    });

    const same = await h.gql.request(
      UPDATE,
      { input: { quietHours: { enabled: true, from: '07:30' } } },
      { token: someone.token },
    );
    expect(same.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'QUIET_HOURS_INVALID',
    });
    const malformed = await h.gql.request(
      UPDATE,
      { input: { quietHours: { enabled: true, from: '25:00', to: '07:00' } } },
      { token: someone.token },
    );
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const after = await h.gql.ok(SETTINGS, {}, { token: someone.token });
    expect(after.notificationSettings.quietHours).toEqual({
      enabled: true,
      from: '23:00',
      to: '07:30',
    });

    const anonymous = await h.gql.request(SETTINGS, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const integrator = await h.gql.request(
      UPDATE,
      { input: { quietHours: { enabled: false } } },
      { token: client },
    );
    expect(integrator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const student = await signTestToken(h.t.app, { sub: someone.id, child: someone.id });
    const asStudent = await h.gql.request(SETTINGS, {}, { token: student });
    expect(asStudent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('should hold an SMS copy at night until 08:00 Moscow time and deliver in-app and live at once', async () => {
    const sleeper = await resident('HOT_WATER_SHUTOFF');
    const ws = h.gql.ws(sleeper.token);
    await ws.connected;
    const live = ws.subscribe(NOTIFICATION_RECEIVED);
    await new Promise((r) => setTimeout(r, 300));
    try {
      await shutoff(sleeper.address);
      expect((await live.next(20_000)).data?.notificationReceived.title).toBe(
        'Отключение горячей воды',
      );
    } finally {
      await ws.close();
    }
    const inbox = await h.gql.ok(NOTIFICATIONS, {}, { token: sleeper.token });
    expect(inbox.notifications.totalCount).toBe(1);
    const held = await outbox(sleeper.id);
    expect(held.due).toEqual(morning);
    expect(await messaging.getJob(`notification-copy:${held.id}:sms`)).toBeNull();

    // An hour later it is still night: the copy stays held.
    await sweeper.sweep(new Date(night.getTime() + HOUR_MS));
    expect((await outbox(sleeper.id)).due).toEqual(morning);
    expect(h.sms.messagesTo(sleeper.phone)).toEqual([]);

    await sweeper.sweep(morning);
    const sms = await h.sms.waitForMessage(sleeper.phone, (t) => t.includes('горячей'), 20_000);
    expect(sms.text).toContain('Отключение горячей воды');
    expect((await outbox(sleeper.id)).due).toBeNull();
  });

  it('should send an urgent category’s copy at once, even at night', async () => {
    const neighbour = await resident('UTILITY_EMERGENCY');
    await shutoff(neighbour.address, 'UTILITY_EMERGENCY');
    await h.sms.waitForMessage(neighbour.phone, (t) => t.includes('Авария'), 20_000);
    expect((await outbox(neighbour.id)).due).toBeNull();
  });

  it('should send at once for a person who turned quiet hours off', async () => {
    const owl = await resident('HOT_WATER_SHUTOFF');
    await h.gql.ok(UPDATE, { input: { quietHours: { enabled: false } } }, { token: owl.token });
    await shutoff(owl.address);
    await h.sms.waitForMessage(owl.phone, (t) => t.includes('горячей'), 20_000);
    expect((await outbox(owl.id)).due).toBeNull();
  });
});
