import {
  ADD_VEHICLE,
  ADD_WIDGET,
  DASHBOARD,
  DashboardHarness,
  eventually,
  externalId,
  fineEvent,
  INGEST,
  MARK_READ,
  NOTIFICATION_RECEIVED,
  NOTIFICATIONS,
  person,
  platformClientToken,
  provenVehicle,
  randomCertificate,
  randomPlate,
  startDashboardApp,
  SUBSCRIBE,
  SUBSCRIPTIONS,
  UNREAD_COUNT,
  UNSUBSCRIBE,
  UPDATE_PROFILE,
  vehicleSettled,
} from './dashboard-e2e.helpers';
import { MessagingService } from '../../../src/modules/messaging';
import {
  COPY_STALE_MS,
  NotificationCopySweeper,
} from '../../../src/modules/notifications/copies/notification-copy.sweeper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dashboard: service events become notifications', () => {
  let h: DashboardHarness;
  let client: string;

  beforeAll(async () => {
    h = await startDashboardApp();
    client = await platformClientToken(h);
  });

  afterAll(async () => {
    await h.close();
  });

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

  it('should notify the subscribed owner of the plate live, in the widget and by SMS, and nobody else', async () => {
    const driver = await person(h);
    const neighbour = await person(h);
    const plate = randomPlate();
    // Typed in Latin look-alikes and lower case: the profile stores the normalised plate.
    const latin = plate
      .replace(/А/g, 'a')
      .replace(/В/g, 'b')
      .replace(/Е/g, 'e')
      .replace(/К/g, 'k')
      .replace(/М/g, 'm')
      .replace(/Н/g, 'h')
      .replace(/О/g, 'o')
      .replace(/Р/g, 'p')
      .replace(/С/g, 'c')
      .replace(/Т/g, 't')
      .replace(/У/g, 'y')
      .replace(/Х/g, 'x');
    // Proven with its СТС: fines reach only a VERIFIED plate.
    const certificate = randomCertificate();
    h.registry.record('/vehicle', plate, { registrationCertificate: certificate });
    const added = await h.gql.ok(
      ADD_VEHICLE,
      { input: { plate: latin, registrationCertificate: certificate } },
      { token: driver.token },
    );
    await vehicleSettled(h, driver, added.addVehicle.id, 'VERIFIED');
    await provenVehicle(h, neighbour, randomPlate());
    const subscribed = await h.gql.ok(
      SUBSCRIBE,
      { category: 'TRAFFIC_FINES', channels: ['SMS', 'IN_APP'] },
      { token: driver.token },
    );
    expect(subscribed.subscribe).toEqual({
      category: 'TRAFFIC_FINES',
      area: 'Транспорт',
      title: 'Штрафы ГИБДД',
      requiredFields: ['vehicles'],
      missingFields: [],
      subscribed: true,
      channels: ['IN_APP', 'SMS'],
    });
    await h.gql.ok(
      SUBSCRIBE,
      { category: 'TRAFFIC_FINES', channels: ['SMS'] },
      { token: neighbour.token },
    );
    await h.gql.ok(ADD_WIDGET, { type: 'TRAFFIC_FINES' }, { token: driver.token });

    const driverWs = h.gql.ws(driver.token);
    const neighbourWs = h.gql.ws(neighbour.token);
    await Promise.all([driverWs.connected, neighbourWs.connected]);
    const live = driverWs.subscribe(NOTIFICATION_RECEIVED);
    const otherLive = neighbourWs.subscribe(NOTIFICATION_RECEIVED);
    await sleep(300);
    try {
      const fine = fineEvent(` ${plate.toLowerCase()} `, { amount: 1500 });
      const ingested = await h.gql.ok(INGEST, { events: [fine] }, { token: client });
      expect(ingested.ingestServiceEvents).toEqual({ accepted: 1, duplicates: 0 });

      const received = await live.next(20_000);
      expect(received.errors).toBeUndefined();
      const notification = received.data!.notificationReceived;
      expect(notification).toMatchObject({
        category: 'TRAFFIC_FINES',
        title: 'Штраф за превышение скорости',
        readAt: null,
      });
      expect(notification.body).toContain('Сумма: 1\u00a0500,00 ₽');
      const sms = await h.sms.waitForMessage(driver.phone, (t) => t.includes('Штраф'));
      expect(sms.text).toMatch(/^Кабинет: Штраф за превышение скорости\./);

      const { dashboard } = await h.gql.ok(DASHBOARD, {}, { token: driver.token });
      expect(dashboard).toHaveLength(1);
      expect(dashboard[0]).toMatchObject({
        type: 'TRAFFIC_FINES',
        missingFields: [],
        content: {
          badge: 1,
          summary: 'Неоплаченных штрафов: 1 на сумму 1\u00a0500,00 ₽',
          items: [{ title: fine.title, amount: 1500, status: 'UNPAID', date: fine.dueAt }],
        },
      });
      const inbox = await h.gql.ok(NOTIFICATIONS, {}, { token: driver.token });
      expect(inbox.notifications.totalCount).toBe(1);
      expect(inbox.notifications.edges[0].node.id).toBe(notification.id);

      await fannedOut('gibdd', fine.externalId);
      await expect(otherLive.next(500)).rejects.toThrow('timed out');
      const theirs = await h.gql.ok(NOTIFICATIONS, {}, { token: neighbour.token });
      expect(theirs.notifications.totalCount).toBe(0);
      expect(h.sms.messagesTo(neighbour.phone)).toEqual([]);
    } finally {
      live.stop();
      otherLive.stop();
      await driverWs.close();
      await neighbourWs.close();
    }
  });

  it('should count repeats as duplicates, update a changed event in place, and refuse a bad batch whole', async () => {
    const driver = await person(h);
    const plate = randomPlate();
    await provenVehicle(h, driver, plate);
    await h.gql.ok(SUBSCRIBE, { category: 'TRAFFIC_FINES' }, { token: driver.token });
    const events = [fineEvent(plate), fineEvent(plate, { amount: 800 })];

    const first = await h.gql.ok(INGEST, { events }, { token: client });
    expect(first.ingestServiceEvents).toEqual({ accepted: 2, duplicates: 0 });
    await Promise.all(events.map((e) => fannedOut('gibdd', e.externalId)));
    const count = async () => {
      const [row] = await h.t.dataSource.query<{ events: string; notes: string }[]>(
        `SELECT (SELECT COUNT(*) FROM service_events WHERE subject_value = ?) AS events,
                (SELECT COUNT(*) FROM notifications WHERE user_id = ?) AS notes`,
        [plate, driver.id],
      );
      return { events: Number(row.events), notes: Number(row.notes) };
    };
    expect(await count()).toEqual({ events: 2, notes: 2 });

    const again = await h.gql.ok(INGEST, { events }, { token: client });
    expect(again.ingestServiceEvents).toEqual({ accepted: 0, duplicates: 2 });
    await sleep(300);
    expect(await count()).toEqual({ events: 2, notes: 2 });

    const changed = await h.gql.ok(
      INGEST,
      { events: [events[0], { ...events[1], status: 'PAID' }] },
      { token: client },
    );
    expect(changed.ingestServiceEvents).toEqual({ accepted: 1, duplicates: 1 });
    await fannedOut('gibdd', events[1].externalId);
    expect(await count()).toEqual({ events: 2, notes: 2 });
    const [revision] = await h.t.dataSource.query<{ revision: number; status: string }[]>(
      'SELECT revision, status FROM service_events WHERE source = ? AND external_id = ?',
      ['gibdd', events[1].externalId],
    );
    expect(revision).toEqual({ revision: 2, status: 'PAID' });

    const fresh = fineEvent(plate);
    const bad = await h.gql.request(
      INGEST,
      {
        events: [
          fresh,
          fineEvent(plate, { subject: { kind: 'VEHICLE_PLATE', value: 'Ж000ЖЖ' } }),
          fineEvent(plate, { amount: -5 }),
        ],
      },
      { token: client },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'SERVICE_EVENTS_INVALID',
      fields: [
        { field: 'events[1].subject.value', message: expect.stringContaining('Госномер') },
        { field: 'events[2].amount', message: expect.any(String) },
      ],
    });
    const stored = await h.t.dataSource.query<unknown[]>(
      'SELECT id FROM service_events WHERE external_id = ?',
      [fresh.externalId],
    );
    expect(stored).toEqual([]);
    expect(await count()).toEqual({ events: 2, notes: 2 });

    // Two integrators racing with the same new event: stored once, fanned out once.
    const racer = fineEvent(plate);
    const raced = await Promise.all(
      [1, 2].map(() => h.gql.ok(INGEST, { events: [racer] }, { token: client })),
    );
    const totals = raced.reduce(
      (sum, r) => ({
        accepted: sum.accepted + Number(r.ingestServiceEvents.accepted),
        duplicates: sum.duplicates + Number(r.ingestServiceEvents.duplicates),
      }),
      { accepted: 0, duplicates: 0 },
    );
    expect(totals).toEqual({ accepted: 1, duplicates: 1 });
    await fannedOut('gibdd', racer.externalId);
    expect(await count()).toEqual({ events: 3, notes: 3 });

    // External ids are exact: another case is another event.
    const upper = { ...fineEvent(plate), externalId: 'CASE-1' };
    const lower = { ...upper, externalId: 'case-1' };
    const cased = await h.gql.ok(INGEST, { events: [upper, lower] }, { token: client });
    expect(cased.ingestServiceEvents).toEqual({ accepted: 2, duplicates: 0 });

    const tooMany = await h.gql.request(
      INGEST,
      { events: Array.from({ length: 1001 }, () => fineEvent(plate)) },
      { token: client },
    );
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'events' }],
    });
  });

  it('should send the e-mail copy, and the SMS copy again after a gateway outage', async () => {
    const resident = await person(h);
    const email = `resident.${resident.id.slice(0, 8)}@example.ru`;
    const address = `Москва, Ленинский проспект, д. ${resident.id.slice(0, 6)}`;
    // updateProfile no longer sets the e-mail (it is proven by a code): the fixture writes it.
    await h.t.dataSource.query(
      'UPDATE users SET email = ?, email_confirmed_at = NOW(3) WHERE id = ?',
      [email, resident.id],
    );
    await h.gql.ok(UPDATE_PROFILE, { input: { address } }, { token: resident.token });
    const chosen = await h.gql.ok(
      SUBSCRIBE,
      { category: 'HOT_WATER_SHUTOFF', channels: ['EMAIL', 'SMS'] },
      { token: resident.token },
    );
    expect(chosen.subscribe.channels).toEqual(['IN_APP', 'EMAIL', 'SMS']);
    h.sms.failNextRequests(1);
    const requestsBefore = h.sms.requests;
    await h.gql.ok(
      INGEST,
      {
        events: [
          {
            source: 'mosvodokanal',
            externalId: externalId('shutoff'),
            category: 'HOT_WATER_SHUTOFF',
            subject: { kind: 'ADDRESS', value: address.toLowerCase() },
            title: 'Отключение горячей воды',
            body: 'С 1 по 14 июня',
            occurredAt: new Date().toISOString(),
          },
        ],
      },
      { token: client },
    );
    const mail = await h.smtp.waitForMail(email, (m) => m.subject.includes('горячей'), 20_000);
    expect(mail.subject).toBe('Кабинет: Отключение горячей воды');
    expect(mail.text).toContain('С 1 по 14 июня');
    const sms = await h.sms.waitForMessage(resident.phone, (t) => t.includes('горячей'), 20_000);
    expect(sms.text).toBe('Кабинет: Отключение горячей воды. С 1 по 14 июня');
    // The first attempt met the outage; the queue retried.
    expect(h.sms.requests - requestsBefore).toBeGreaterThanOrEqual(2);
  });

  it('should send a copy lost to a death between the insert and the enqueue exactly once, by the sweeper', async () => {
    const resident = await person(h);
    const address = `Москва, ул. Наркомвод, д. ${resident.id.slice(0, 6)}`;
    await h.gql.ok(UPDATE_PROFILE, { input: { address } }, { token: resident.token });
    await h.gql.ok(
      SUBSCRIBE,
      { category: 'HOT_WATER_SHUTOFF', channels: ['SMS'] },
      { token: resident.token },
    );
    // The worker "dies" after the INSERT: queueing the copy throws once, so the fan-out job
    // fails after the notification is stored; its retry finds the notification already there.
    const messaging = h.t.app.get(MessagingService, { strict: false });
    const enqueue = jest
      .spyOn(messaging, 'sendSms')
      .mockRejectedValueOnce(new Error('worker died before the enqueue'));
    const sweeper = h.t.app.get(NotificationCopySweeper, { strict: false });
    const id = externalId('outbox');
    try {
      await h.gql.ok(
        INGEST,
        {
          events: [
            {
              source: 'mosvodokanal',
              externalId: id,
              category: 'HOT_WATER_SHUTOFF',
              subject: { kind: 'ADDRESS', value: address },
              title: 'Отключение горячей воды',
              body: 'Авария на сети',
              occurredAt: new Date().toISOString(),
            },
          ],
        },
        { token: client },
      );
      await fannedOut('mosvodokanal', id);
    } finally {
      enqueue.mockRestore();
    }
    const [stored] = await h.t.dataSource.query<{ id: string; due: Date | null }[]>(
      'SELECT id, copies_due_at AS due FROM notifications WHERE user_id = ?',
      [resident.id],
    );
    // The notification is in the inbox, its copy never reached the queue: the outbox mark stays.
    expect(stored.due).not.toBeNull();
    await sleep(1500);
    expect(h.sms.messagesTo(resident.phone).filter((t) => t.includes('горячей'))).toEqual([]);

    // Too fresh for the sweeper: a live fan-out may still be draining it.
    expect(await sweeper.sweep(new Date())).toBe(0);
    const later = new Date(Date.now() + COPY_STALE_MS + 1000);
    expect(await sweeper.sweep(later)).toBeGreaterThanOrEqual(1);
    const sms = await h.sms.waitForMessage(resident.phone, (t) => t.includes('горячей'), 20_000);
    expect(sms.text).toBe('Кабинет: Отключение горячей воды. Авария на сети');
    const [drained] = await h.t.dataSource.query<{ due: Date | null }[]>(
      'SELECT copies_due_at AS due FROM notifications WHERE id = ?',
      [stored.id],
    );
    expect(drained.due).toBeNull();

    // Swept again: nothing left, and the copy went exactly once.
    await sweeper.sweep(later);
    await sleep(1500);
    expect(h.sms.messagesTo(resident.phone).filter((t) => t.includes('горячей'))).toHaveLength(1);
  });

  it('should clear the outbox mark of a copy queued in the normal case, so the sweeper sends nothing more', async () => {
    const resident = await person(h);
    const address = `Москва, ул. Обычная, д. ${resident.id.slice(0, 6)}`;
    await h.gql.ok(UPDATE_PROFILE, { input: { address } }, { token: resident.token });
    await h.gql.ok(
      SUBSCRIBE,
      { category: 'HOT_WATER_SHUTOFF', channels: ['SMS'] },
      { token: resident.token },
    );
    const id = externalId('outbox');
    await h.gql.ok(
      INGEST,
      {
        events: [
          {
            source: 'mosvodokanal',
            externalId: id,
            category: 'HOT_WATER_SHUTOFF',
            subject: { kind: 'ADDRESS', value: address },
            title: 'Отключение горячей воды',
            body: 'Плановые работы',
            occurredAt: new Date().toISOString(),
          },
        ],
      },
      { token: client },
    );
    await fannedOut('mosvodokanal', id);
    await h.sms.waitForMessage(resident.phone, (t) => t.includes('горячей'), 20_000);
    const [stored] = await h.t.dataSource.query<{ due: Date | null }[]>(
      'SELECT copies_due_at AS due FROM notifications WHERE user_id = ?',
      [resident.id],
    );
    expect(stored.due).toBeNull();
    const sweeper = h.t.app.get(NotificationCopySweeper, { strict: false });
    await sweeper.sweep(new Date(Date.now() + COPY_STALE_MS + 1000));
    await sleep(1500);
    expect(h.sms.messagesTo(resident.phone).filter((t) => t.includes('горячей'))).toHaveLength(1);
  });

  it('should let only platform clients with events:write ingest', async () => {
    const someone = await person(h);
    const event = fineEvent(randomPlate());
    const anonymous = await h.gql.request(INGEST, { events: [event] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const asUser = await h.gql.request(INGEST, { events: [event] }, { token: someone.token });
    expect(asUser.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      subCode: 'EVENTS_SCOPE_REQUIRED',
    });
    const messagesOnly = await platformClientToken(h, ['messages:write']);
    const wrongScope = await h.gql.request(INGEST, { events: [event] }, { token: messagesOnly });
    expect(wrongScope.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stored = await h.t.dataSource.query<unknown[]>(
      'SELECT id FROM service_events WHERE external_id = ?',
      [event.externalId],
    );
    expect(stored).toEqual([]);
    // A client has no inbox, subscriptions or dashboard.
    for (const query of [SUBSCRIPTIONS, UNREAD_COUNT, DASHBOARD]) {
      const res = await h.gql.request(query, {}, { token: client });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('should list the categories with missing fields and refuse subscribing without the data', async () => {
    const newcomer = await person(h);
    const { notificationSubscriptions } = await h.gql.ok(
      SUBSCRIPTIONS,
      {},
      { token: newcomer.token },
    );
    expect(notificationSubscriptions).toHaveLength(11);
    expect(new Set(notificationSubscriptions.map((o: { area: string }) => o.area))).toEqual(
      new Set([
        'ЖКХ',
        'Транспорт',
        'Образование',
        'Здоровье',
        'Домашние животные',
        'Работодателям',
      ]),
    );
    expect(
      notificationSubscriptions.find((o: { category: string }) => o.category === 'TRAFFIC_FINES'),
    ).toMatchObject({ missingFields: ['vehicles'], subscribed: false, channels: [] });

    const refused = await h.gql.request(
      SUBSCRIBE,
      { category: 'TRAFFIC_FINES' },
      { token: newcomer.token },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'PROFILE_INCOMPLETE',
      missingFields: ['vehicles'],
    });
    const widget = await h.gql.ok(ADD_WIDGET, { type: 'TRAFFIC_FINES' }, { token: newcomer.token });
    expect(widget.addWidget).toMatchObject({ missingFields: ['vehicles'], content: null });

    await h.gql.ok(
      UPDATE_PROFILE,
      { input: { address: 'Москва, ул. Тверская, 1' } },
      { token: newcomer.token },
    );
    const noEmail = await h.gql.request(
      SUBSCRIBE,
      { category: 'HOT_WATER_SHUTOFF', channels: ['EMAIL'] },
      { token: newcomer.token },
    );
    expect(noEmail.errors?.[0].extensions).toMatchObject({
      code: 'PROFILE_INCOMPLETE',
      missingFields: ['email'],
    });
    const ok = await h.gql.ok(
      SUBSCRIBE,
      { category: 'HOT_WATER_SHUTOFF' },
      { token: newcomer.token },
    );
    expect(ok.subscribe).toMatchObject({ subscribed: true, channels: ['IN_APP'] });
    const off = await h.gql.ok(
      UNSUBSCRIBE,
      { category: 'HOT_WATER_SHUTOFF' },
      { token: newcomer.token },
    );
    expect(off.unsubscribe).toEqual({
      category: 'HOT_WATER_SHUTOFF',
      subscribed: false,
      channels: [],
      missingFields: [],
    });
    const documents = await h.gql.request(
      SUBSCRIBE,
      { category: 'DOCUMENTS' },
      { token: newcomer.token },
    );
    expect(documents.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'CATEGORY_NOT_SUBSCRIBABLE',
    });
    const anonymous = await h.gql.request(SUBSCRIPTIONS);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should page the inbox newest first, filter unread and mark only my own read', async () => {
    const reader = await person(h);
    const stranger = await person(h);
    const payer = '12345' + String(Date.now()).slice(-5);
    // Proven with the check code of the bill: meter notices are a household's personal events.
    h.registry.record('/electricity-account', payer, { checkCode: 'K7' });
    await h.gql.ok(
      UPDATE_PROFILE,
      { input: { electricityAccount: payer, electricityAccountCheck: 'k7' } },
      { token: reader.token },
    );
    const verifiedAt = await eventually(async () => {
      const { me } = await h.gql.ok(
        '{ me { profileLinks { kind verification verifiedAt } } }',
        {},
        { token: reader.token },
      );
      const link = me.profileLinks.find((l: { kind: string }) => l.kind === 'ELECTRICITY_ACCOUNT');
      return link?.verification === 'VERIFIED' ? Date.parse(link.verifiedAt as string) : 0;
    });
    await h.gql.ok(SUBSCRIBE, { category: 'ELECTRICITY_METER' }, { token: reader.token });
    const events = [1, 2, 3].map((n) => ({
      source: 'mosenergosbyt',
      externalId: externalId(`meter${n}`),
      category: 'ELECTRICITY_METER',
      subject: { kind: 'ELECTRICITY_ACCOUNT', value: payer },
      title: `Передайте показания, период ${n}`,
      occurredAt: new Date(verifiedAt + n).toISOString(),
    }));
    for (const event of events) {
      await h.gql.ok(INGEST, { events: [event] }, { token: client });
      await fannedOut('mosenergosbyt', event.externalId);
    }
    const page1 = await h.gql.ok(NOTIFICATIONS, { first: 2 }, { token: reader.token });
    expect(page1.notifications.totalCount).toBe(3);
    expect(page1.notifications.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.gql.ok(
      NOTIFICATIONS,
      { first: 2, after: page1.notifications.pageInfo.endCursor },
      { token: reader.token },
    );
    const ids = [...page1.notifications.edges, ...page2.notifications.edges].map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(new Set(ids).size).toBe(3);
    expect(page2.notifications.pageInfo.hasNextPage).toBe(false);

    expect(
      (await h.gql.ok(UNREAD_COUNT, {}, { token: reader.token })).unreadNotificationCount,
    ).toBe(3);
    const foreign = await h.gql.ok(MARK_READ, { ids: [ids[0]] }, { token: stranger.token });
    expect(foreign.markNotificationsRead).toBe(0);
    const one = await h.gql.ok(MARK_READ, { ids: [ids[0]] }, { token: reader.token });
    expect(one.markNotificationsRead).toBe(1);
    const unread = await h.gql.ok(NOTIFICATIONS, { unreadOnly: true }, { token: reader.token });
    expect(unread.notifications.totalCount).toBe(2);
    expect(
      unread.notifications.edges.map((e: { node: { id: string } }) => e.node.id),
    ).not.toContain(ids[0]);
    const rest = await h.gql.ok(MARK_READ, {}, { token: reader.token });
    expect(rest.markNotificationsRead).toBe(2);
    expect(
      (await h.gql.ok(UNREAD_COUNT, {}, { token: reader.token })).unreadNotificationCount,
    ).toBe(0);

    const tooBig = await h.gql.request(NOTIFICATIONS, { first: 101 }, { token: reader.token });
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badIds = await h.gql.request(MARK_READ, { ids: ['nope'] }, { token: reader.token });
    expect(badIds.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should turn document status changes into live notices of that person only', async () => {
    const resident = await person(h);
    await h.gql.ok(
      UPDATE_PROFILE,
      { input: { birthDate: '1980-01-02' } },
      { token: resident.token },
    );
    h.registry.always('112-233-445 95', { result: 'NOT_FOUND' });
    const ws = h.gql.ws(resident.token);
    await ws.connected;
    const live = ws.subscribe(NOTIFICATION_RECEIVED);
    await sleep(300);
    try {
      await h.gql.ok(
        'mutation { submitSnils(number: "112-233-445 95") { status } }',
        {},
        {
          token: resident.token,
        },
      );
      const pending = await live.next(15_000);
      expect(pending.data!.notificationReceived).toMatchObject({
        category: 'DOCUMENTS',
        title: 'СНИЛС отправлен на проверку',
      });
      // The registry does not know this SNILS: the check ends REJECTED.
      const verdict = await live.next(20_000);
      expect(verdict.data!.notificationReceived).toMatchObject({
        category: 'DOCUMENTS',
        title: 'СНИЛС не подтверждён',
      });
      const inbox = await h.gql.ok(NOTIFICATIONS, {}, { token: resident.token });
      expect(inbox.notifications.totalCount).toBe(2);
    } finally {
      live.stop();
      await ws.close();
    }
  });
});
