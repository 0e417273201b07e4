// Links are proven before personal events reach them: a plate with its СТС, an OMS policy with the
// holder's verified data, a child through the birth record. The registry is the e2e fake
// (REGISTRY_DRIVER=http); the fan-out, the dashboard, the inbox and graphql-ws are the real ones.
import { LinkCheckExpiryTask } from '../../../src/modules/profile/links/link-check-expiry.task';
import { randomSnils } from '../profile/profile-e2e.helpers';
import {
  ADD_CHILD,
  ADD_VEHICLE,
  ADD_WIDGET,
  DashboardHarness,
  eventually,
  externalId,
  fineEvent,
  INGEST,
  NOTIFICATION_RECEIVED,
  NOTIFICATIONS,
  person,
  Person,
  platformClientToken,
  provenVehicle,
  randomCertificate,
  randomPlate,
  startDashboardApp,
  SUBSCRIBE,
  UPDATE_PROFILE,
  vehicleSettled,
} from './dashboard-e2e.helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WIDGETS = `{ dashboard { type
  pendingProofs { field value verification reason }
  content { items { title } } } }`;
const ME_LINKS = `{ me { snils { status }
  profileLinks { kind value verification linkedAt verifiedAt verificationNote }
  children { id verification verifiedAt verificationNote } } }`;

describe('dashboard: proven links', () => {
  let h: DashboardHarness;
  let client: string;

  beforeAll(async () => {
    h = await startDashboardApp({
      PROFILE_MAX_VEHICLES: '3',
      PROFILE_MAX_CHILDREN: '2',
      PROFILE_LINK_RATE_MAX: '8',
    });
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

  /** The inbox's service-event notifications (the SNILS check's own notices left out). */
  async function inboxTitles(who: Person): Promise<string[]> {
    const { notifications } = await h.gql.ok<{
      notifications: { edges: { node: { category: string; title: string } }[] };
    }>(NOTIFICATIONS, {}, { token: who.token });
    return notifications.edges
      .filter((e) => e.node.category !== 'DOCUMENTS')
      .map((e) => e.node.title);
  }

  interface WidgetView {
    type: string;
    pendingProofs: { field: string; value: string; verification: string; reason: string }[];
    content: { items: { title: string }[] };
  }

  async function widget(who: Person, type: string): Promise<WidgetView> {
    const { dashboard } = await h.gql.ok<{ dashboard: WidgetView[] }>(
      WIDGETS,
      {},
      {
        token: who.token,
      },
    );
    return dashboard.find((w) => w.type === type)!;
  }

  interface LinkView {
    verification: string;
    verifiedAt: string | null;
    verificationNote: string | null;
  }

  /** My OMS policy link once its check reached `state`. */
  async function omsLink(who: Person, state: string): Promise<LinkView> {
    return eventually(async () => {
      const { me } = await h.gql.ok<{ me: { profileLinks: (LinkView & { kind: string })[] } }>(
        ME_LINKS,
        {},
        { token: who.token },
      );
      const link = me.profileLinks.find((l) => l.kind === 'OMS_POLICY');
      return link?.verification === state ? link : undefined;
    });
  }

  /** A person whose SNILS the registry verified (names from the fixture, this birth date). */
  async function verifiedPerson(birthDate = '1985-04-12'): Promise<Person> {
    const who = await person(h);
    await h.gql.ok(UPDATE_PROFILE, { input: { birthDate } }, { token: who.token });
    await h.gql.ok(
      'mutation($n: String!) { submitSnils(number: $n) { status } }',
      { n: randomSnils() },
      { token: who.token },
    );
    await eventually(async () => {
      const { me } = await h.gql.ok(ME_LINKS, {}, { token: who.token });
      return me.snils?.status === 'VERIFIED';
    });
    return who;
  }

  it('should show none of the owner’s fines to accounts that added the plate without the right СТС: dashboard, inbox, live', async () => {
    const owner = await person(h);
    const wrongCertificate = await person(h);
    const noCertificate = await person(h);
    const plate = randomPlate();
    await provenVehicle(h, owner, plate);

    const wrong = await h.gql.ok(
      ADD_VEHICLE,
      { input: { plate, registrationCertificate: randomCertificate() } },
      { token: wrongCertificate.token },
    );
    const rejected = await vehicleSettled(h, wrongCertificate, wrong.addVehicle.id, 'REJECTED');
    expect(rejected.verifiedAt).toBeNull();
    expect(rejected.verificationNote).toMatch(/СТС/);
    const bare = await h.gql.ok(ADD_VEHICLE, { input: { plate } }, { token: noCertificate.token });
    await vehicleSettled(h, noCertificate, bare.addVehicle.id, 'UNVERIFIED');

    for (const who of [owner, wrongCertificate, noCertificate]) {
      await h.gql.ok(SUBSCRIBE, { category: 'TRAFFIC_FINES' }, { token: who.token });
      await h.gql.ok(ADD_WIDGET, { type: 'TRAFFIC_FINES' }, { token: who.token });
    }
    const sockets = [owner, wrongCertificate, noCertificate].map((who) => h.gql.ws(who.token));
    await Promise.all(sockets.map((s) => s.connected));
    const [ownerLive, wrongLive, bareLive] = sockets.map((s) => s.subscribe(NOTIFICATION_RECEIVED));
    await sleep(300);
    try {
      const fine = fineEvent(plate, { occurredAt: new Date().toISOString() });
      await h.gql.ok(INGEST, { events: [fine] }, { token: client });
      const received = await ownerLive.next(20_000);
      expect(received.data!.notificationReceived.title).toBe(fine.title);
      await fannedOut('gibdd', fine.externalId);

      await expect(wrongLive.next(500)).rejects.toThrow('timed out');
      await expect(bareLive.next(500)).rejects.toThrow('timed out');
      expect(await inboxTitles(owner)).toEqual([fine.title]);
      expect(await inboxTitles(wrongCertificate)).toEqual([]);
      expect(await inboxTitles(noCertificate)).toEqual([]);

      expect((await widget(owner, 'TRAFFIC_FINES')).content.items).toEqual([{ title: fine.title }]);
      const theirs = await widget(wrongCertificate, 'TRAFFIC_FINES');
      expect(theirs.content.items).toEqual([]);
      expect(theirs.pendingProofs).toEqual([
        {
          field: 'vehicles',
          value: plate,
          verification: 'REJECTED',
          reason: expect.stringMatching(/СТС/),
        },
      ]);
      const bareWidget = await widget(noCertificate, 'TRAFFIC_FINES');
      expect(bareWidget.content.items).toEqual([]);
      expect(bareWidget.pendingProofs).toEqual([
        {
          field: 'vehicles',
          value: plate,
          verification: 'UNVERIFIED',
          reason: expect.stringMatching(/СТС/),
        },
      ]);
    } finally {
      [ownerLive, wrongLive, bareLive].forEach((l) => l.stop());
      await Promise.all(sockets.map((s) => s.close()));
    }
  });

  it('should not show an event that occurred before the link was verified', async () => {
    const buyer = await person(h);
    const plate = randomPlate();
    const { verifiedAt } = await provenVehicle(h, buyer, plate);
    await h.gql.ok(SUBSCRIBE, { category: 'TRAFFIC_FINES' }, { token: buyer.token });
    await h.gql.ok(ADD_WIDGET, { type: 'TRAFFIC_FINES' }, { token: buyer.token });
    // The seller's fine: it occurred a minute before the buyer's plate was proven.
    const sellers = fineEvent(plate, {
      title: 'Штраф продавца',
      occurredAt: new Date(Date.parse(verifiedAt) - 60_000).toISOString(),
    });
    const own = fineEvent(plate, {
      title: 'Штраф покупателя',
      occurredAt: new Date(Date.parse(verifiedAt) + 1).toISOString(),
    });
    await h.gql.ok(INGEST, { events: [sellers, own] }, { token: client });
    await fannedOut('gibdd', sellers.externalId);
    await fannedOut('gibdd', own.externalId);

    expect(await inboxTitles(buyer)).toEqual(['Штраф покупателя']);
    expect((await widget(buyer, 'TRAFFIC_FINES')).content.items).toEqual([
      { title: 'Штраф покупателя' },
    ]);
  });

  it('should not show the next holder of a phone number the events of its previous holder', async () => {
    const holder = await person(h);
    // The fines category asks for a vehicle in the profile (any: these fines name the phone).
    await h.gql.ok(ADD_VEHICLE, { input: { plate: randomPlate() } }, { token: holder.token });
    await h.gql.ok(SUBSCRIBE, { category: 'TRAFFIC_FINES' }, { token: holder.token });
    await h.gql.ok(ADD_WIDGET, { type: 'ACTIVE_CITIZEN' }, { token: holder.token });
    const [{ since }] = await h.t.dataSource.query<{ since: Date }[]>(
      'SELECT phone_since AS since FROM users WHERE id = ?',
      [holder.id],
    );
    const phone = { kind: 'PHONE', value: holder.phone };
    // A fine sent to the number a minute before it became this account's: the previous holder's.
    const previous = fineEvent('А001АА77', {
      subject: phone,
      title: 'Штраф прежнего владельца номера',
      occurredAt: new Date(since.getTime() - 60_000).toISOString(),
    });
    const own = fineEvent('А001АА77', {
      subject: phone,
      title: 'Штраф владельца номера',
      occurredAt: new Date(since.getTime() + 1).toISOString(),
    });
    // A public notice about the number is not about a person: it reaches the holder whenever.
    const notice = {
      source: 'mosvodokanal',
      externalId: externalId('notice'),
      category: 'HOT_WATER_SHUTOFF',
      subject: phone,
      title: 'Отключение горячей воды',
      occurredAt: new Date(since.getTime() - 60_000).toISOString(),
    };
    await h.gql.ok(INGEST, { events: [previous, own, notice] }, { token: client });
    await fannedOut('gibdd', previous.externalId);
    await fannedOut('gibdd', own.externalId);

    expect(await inboxTitles(holder)).toEqual(['Штраф владельца номера']);
    const titles = (await widget(holder, 'ACTIVE_CITIZEN')).content.items.map((i) => i.title);
    expect(titles.sort()).toEqual(['Отключение горячей воды', 'Штраф владельца номера']);
  });

  it('should show no health events through an OMS policy that does not match the person’s verified data', async () => {
    const holder = await verifiedPerson('1985-04-12');
    const other = await verifiedPerson('1990-01-01');
    const unproven = await person(h);
    const policy = String(Date.now()).padStart(16, '7').slice(-16);
    // The register knows the policy as the holder's: names of the fixture, the holder's birth date.
    h.registry.record('/oms-policy', policy, {
      lastName: 'Иванов',
      firstName: 'Иван',
      birthDate: '1985-04-12',
    });
    for (const who of [holder, other, unproven]) {
      await h.gql.ok(UPDATE_PROFILE, { input: { omsPolicy: policy } }, { token: who.token });
      await h.gql.ok(ADD_WIDGET, { type: 'HEALTH' }, { token: who.token });
      await h.gql.ok(SUBSCRIBE, { category: 'VACCINATION' }, { token: who.token });
    }
    await omsLink(holder, 'VERIFIED');
    await omsLink(other, 'REJECTED');
    // Without a verified SNILS or passport the policy is not even sent: it waits, saying why.
    const waiting = await omsLink(unproven, 'UNVERIFIED');
    expect(waiting.verificationNote).toMatch(/СНИЛС/);
    expect(h.registry.requestsFor(policy)).toHaveLength(2);

    const vaccination = {
      source: 'emias',
      externalId: externalId('vac'),
      category: 'VACCINATION',
      subject: { kind: 'OMS_POLICY', value: policy },
      title: 'Прививка от гриппа',
      status: 'DONE',
      occurredAt: new Date().toISOString(),
    };
    await h.gql.ok(INGEST, { events: [vaccination] }, { token: client });
    await fannedOut('emias', vaccination.externalId);

    expect(await inboxTitles(holder)).toEqual(['Прививка от гриппа']);
    expect((await widget(holder, 'HEALTH')).content.items).toEqual([
      { title: 'Прививка от гриппа' },
    ]);
    for (const who of [other, unproven]) {
      expect(await inboxTitles(who)).toEqual([]);
      const health = await widget(who, 'HEALTH');
      expect(health.content.items).toEqual([]);
      expect(health.pendingProofs).toEqual([
        expect.objectContaining({ field: 'omsPolicy', value: policy }),
      ]);
    }
  });

  it('should check the OMS policy again after a birth-date change, showing nothing personal until it is proven again', async () => {
    const holder = await verifiedPerson('1985-04-12');
    const policy = String(Date.now() + 1)
      .padStart(16, '6')
      .slice(-16);
    h.registry.record('/oms-policy', policy, { birthDate: '1985-04-12' });
    await h.gql.ok(UPDATE_PROFILE, { input: { omsPolicy: policy } }, { token: holder.token });
    await h.gql.ok(ADD_WIDGET, { type: 'HEALTH' }, { token: holder.token });
    await h.gql.ok(SUBSCRIBE, { category: 'VACCINATION' }, { token: holder.token });
    const first = await omsLink(holder, 'VERIFIED');

    // The registry now knows the corrected birth date; the SNILS re-check the change starts is
    // held for a while, and the policy waits for it.
    h.registry.record('/oms-policy', policy, { birthDate: '1985-04-13' });
    const { me } = await h.gql.ok<{ me: { snils: { number: string } } }>(
      '{ me { snils { number } } }',
      {},
      { token: holder.token },
    );
    h.registry.script(me.snils.number, { hang: true });
    await h.gql.ok(UPDATE_PROFILE, { input: { birthDate: '1985-04-13' } }, { token: holder.token });
    const waiting = await omsLink(holder, 'UNVERIFIED');
    expect(waiting.verifiedAt).toBeNull();

    const vaccination = (title: string) => ({
      source: 'emias',
      externalId: externalId('vac'),
      category: 'VACCINATION',
      subject: { kind: 'OMS_POLICY', value: policy },
      title,
      status: 'DONE',
      occurredAt: new Date().toISOString(),
    });
    const meanwhile = vaccination('Прививка во время перепроверки');
    await h.gql.ok(INGEST, { events: [meanwhile] }, { token: client });
    await fannedOut('emias', meanwhile.externalId);
    expect(await inboxTitles(holder)).toEqual([]);

    // The SNILS check is retried and verified; then the policy is checked with the new data.
    const again = await omsLink(holder, 'VERIFIED');
    expect(Date.parse(again.verifiedAt!)).toBeGreaterThan(Date.parse(first.verifiedAt!));
    const omsRequests = h.registry.requestsFor(policy);
    expect(omsRequests[omsRequests.length - 1].body.birthDate).toBe('1985-04-13');
    const after = vaccination('Прививка после перепроверки');
    await h.gql.ok(INGEST, { events: [after] }, { token: client });
    await fannedOut('emias', after.externalId);
    expect(await inboxTitles(holder)).toEqual(['Прививка после перепроверки']);
    expect((await widget(holder, 'HEALTH')).content.items).toEqual([
      { title: 'Прививка после перепроверки' },
    ]);
  }, 30_000);

  it('should expire a link check the registry never answers, and check it again when given again', async () => {
    const owner = await person(h);
    const plate = randomPlate();
    const certificate = randomCertificate();
    h.registry.record('/vehicle', plate, { registrationCertificate: certificate });
    // The traffic police registry does not answer the first request.
    h.registry.script(plate, { hang: true });
    const { addVehicle } = await h.gql.ok(
      ADD_VEHICLE,
      { input: { plate, registrationCertificate: certificate } },
      { token: owner.token },
    );
    const id = addVehicle.id as string;
    const [deadline] = await h.t.dataSource.query<{ expires_at: Date }[]>(
      "SELECT expires_at FROM link_check_deadlines WHERE kind = 'VEHICLE' AND link_id = ?",
      [id],
    );
    const expiry = h.t.app.get(LinkCheckExpiryTask);
    expect(await expiry.run(new Date(deadline.expires_at.getTime() - 1))).toBe(0);
    expect((await vehicleSettled(h, owner, id, 'PENDING')).verifiedAt).toBeNull();

    expect(await expiry.run(deadline.expires_at)).toBe(1);
    const expired = await vehicleSettled(h, owner, id, 'EXPIRED');
    expect(expired.verificationNote).toMatch(/не ответил/);
    const left = await h.t.dataSource.query(
      'SELECT 1 FROM link_check_deadlines WHERE link_id = ?',
      [id],
    );
    expect(left).toEqual([]);

    // Given again, the plate is checked again (the late answer to the first check is ignored).
    await h.gql.ok(
      ADD_VEHICLE,
      { input: { plate, registrationCertificate: certificate } },
      { token: owner.token },
    );
    await vehicleSettled(h, owner, id, 'VERIFIED');
  }, 30_000);

  it('should link a child through the birth record once the parent’s SNILS is verified', async () => {
    const parent = await person(h);
    const childSnils = randomSnils();
    const { addChild } = await h.gql.ok(
      ADD_CHILD,
      {
        input: {
          lastName: 'Иванова',
          firstName: 'Анна',
          birthDate: '2012-05-06',
          snils: childSnils,
        },
      },
      { token: parent.token },
    );
    const childOf = (state: string): Promise<LinkView> =>
      eventually(async () => {
        const { me } = await h.gql.ok<{ me: { children: (LinkView & { id: string })[] } }>(
          ME_LINKS,
          {},
          { token: parent.token },
        );
        const child = me.children.find((c) => c.id === addChild.id);
        return child?.verification === state ? child : undefined;
      });
    expect((await childOf('UNVERIFIED')).verificationNote).toMatch(/СНИЛС/);

    const parentSnils = randomSnils();
    h.registry.record('/birth-record', childSnils, { parentSnils });
    await h.gql.ok(UPDATE_PROFILE, { input: { birthDate: '1980-02-02' } }, { token: parent.token });
    await h.gql.ok(
      'mutation($n: String!) { submitSnils(number: $n) { status } }',
      { n: parentSnils },
      { token: parent.token },
    );
    // The SNILS verified, the waiting child is sent to the birth record and proven.
    const proven = await childOf('VERIFIED');
    expect(proven.verifiedAt).not.toBeNull();
    expect(h.registry.requestsFor(childSnils)[0].body).toEqual({ childSnils, parentSnils });
  });

  it('should show public events through an unproven link', async () => {
    const tenant = await person(h);
    const payerCode = String(Date.now()).slice(-10);
    await h.gql.ok(UPDATE_PROFILE, { input: { payerCode } }, { token: tenant.token });
    await h.gql.ok(ADD_WIDGET, { type: 'PAYMENTS' }, { token: tenant.token });
    const shutoff = {
      source: 'mosvodokanal',
      externalId: externalId('hw'),
      category: 'HOT_WATER_SHUTOFF',
      subject: { kind: 'PAYER_CODE', value: payerCode },
      title: 'Отключение горячей воды',
      occurredAt: new Date().toISOString(),
    };
    const bill = {
      source: 'epd',
      externalId: externalId('bill'),
      category: 'ELECTRICITY_METER',
      subject: { kind: 'PAYER_CODE', value: payerCode },
      title: 'Счёт за электроэнергию',
      amount: 1200,
      status: 'UNPAID',
      occurredAt: new Date().toISOString(),
    };
    await h.gql.ok(INGEST, { events: [shutoff, bill] }, { token: client });
    const payments = await widget(tenant, 'PAYMENTS');
    expect(payments.content.items).toEqual([{ title: 'Отключение горячей воды' }]);
    expect(payments.pendingProofs).toEqual([
      {
        field: 'payerCode',
        value: payerCode,
        verification: 'UNVERIFIED',
        reason: expect.stringMatching(/проверочный код/),
      },
    ]);
  });

  it('should refuse a vehicle and a child past the caps with their codes, writing nothing', async () => {
    const collector = await person(h);
    for (let i = 0; i < 3; i++) {
      await h.gql.ok(ADD_VEHICLE, { input: { plate: randomPlate() } }, { token: collector.token });
    }
    const fourth = await h.gql.request(
      ADD_VEHICLE,
      { input: { plate: randomPlate() } },
      { token: collector.token },
    );
    expect(fourth.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'VEHICLE_LIMIT_REACHED',
    });
    const child = (n: number) => ({
      input: { lastName: 'Петров', firstName: `Сын${'а'.repeat(n)}`, birthDate: '2015-01-01' },
    });
    await h.gql.ok(ADD_CHILD, child(1), { token: collector.token });
    await h.gql.ok(ADD_CHILD, child(2), { token: collector.token });
    const third = await h.gql.request(ADD_CHILD, child(3), { token: collector.token });
    expect(third.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'CHILD_LIMIT_REACHED',
    });
    const [{ vehicles }] = await h.t.dataSource.query<{ vehicles: string }[]>(
      'SELECT COUNT(*) AS vehicles FROM vehicles WHERE user_id = ?',
      [collector.id],
    );
    const [{ children }] = await h.t.dataSource.query<{ children: string }[]>(
      'SELECT COUNT(*) AS children FROM children WHERE parent_user_id = ?',
      [collector.id],
    );
    expect([Number(vehicles), Number(children)]).toEqual([3, 2]);
  });

  it('should rate-limit adding links per account', async () => {
    const prober = await person(h);
    const other = await person(h);
    // PROFILE_LINK_RATE_MAX=8: eight changes pass, the ninth is refused, another account is not.
    for (let i = 0; i < 8; i++) {
      await h.gql.ok(
        UPDATE_PROFILE,
        { input: { omsPolicy: String(1_000_000_000_000_000 + i) } },
        { token: prober.token },
      );
    }
    const ninth = await h.gql.request(
      UPDATE_PROFILE,
      { input: { omsPolicy: '2000000000000000' } },
      { token: prober.token },
    );
    expect(ninth.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const plate = await h.gql.request(
      ADD_VEHICLE,
      { input: { plate: randomPlate() } },
      { token: prober.token },
    );
    expect(plate.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const [{ n }] = await h.t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM vehicles WHERE user_id = ?',
      [prober.id],
    );
    expect(Number(n)).toBe(0);
    await h.gql.ok(ADD_VEHICLE, { input: { plate: randomPlate() } }, { token: other.token });
  });
});
