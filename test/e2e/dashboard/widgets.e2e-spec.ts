import { randomSnils } from '../profile/profile-e2e.helpers';
import { signTestToken } from '../../support/tokens';
import {
  ADD_CHILD,
  ADD_WIDGET,
  DASHBOARD,
  DashboardHarness,
  externalId,
  fineEvent,
  HIDE_WIDGET,
  INGEST,
  MOVE_WIDGET,
  person,
  Person,
  platformClientToken,
  provenVehicle,
  randomPlate,
  REMOVE_WIDGET,
  SHOW_WIDGET,
  startDashboardApp,
  UPDATE_PROFILE,
  UPDATE_WIDGET_SETTINGS,
  WIDGET_CATALOG,
} from './dashboard-e2e.helpers';

const ALL_TYPES = [
  'PAYMENTS',
  'HEALTH',
  'CHILD_AT_SCHOOL',
  'SPORTS_SCHOOLS',
  'PENSION_FUND',
  'TRAFFIC_FINES',
  'STATE_EXAMS',
  'ACTIVE_CITIZEN',
  'CROWDSOURCING',
  'DOCUMENT_DEADLINES',
];

describe('dashboard: widgets', () => {
  let h: DashboardHarness;
  let client: string;

  beforeAll(async () => {
    h = await startDashboardApp();
    client = await platformClientToken(h);
  });

  afterAll(async () => {
    await h.close();
  });

  async function positions(who: Person): Promise<{ id: string; type: string; position: number }[]> {
    const { dashboard } = await h.gql.ok<{
      dashboard: { id: string; type: string; position: number }[];
    }>(DASHBOARD, { includeHidden: true }, { token: who.token });
    return dashboard;
  }

  it('should list every widget type with the profile fields each needs', async () => {
    const someone = await person(h);
    const { widgetCatalog } = await h.gql.ok(WIDGET_CATALOG, {}, { token: someone.token });
    expect(widgetCatalog.map((w: { type: string }) => w.type).sort()).toEqual(
      [...ALL_TYPES].sort(),
    );
    const needs = Object.fromEntries(
      widgetCatalog.map((w: { type: string; requiredFields: string[] }) => [
        w.type,
        w.requiredFields,
      ]),
    );
    expect(needs).toMatchObject({
      TRAFFIC_FINES: ['vehicles'],
      PAYMENTS: ['payerCode'],
      STATE_EXAMS: ['children'],
      PENSION_FUND: ['snils'],
      ACTIVE_CITIZEN: [],
    });
    const anonymous = await h.gql.request(WIDGET_CATALOG);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('should add, reorder, hide, show, reconfigure and remove widgets keeping positions dense', async () => {
    const owner = await person(h);
    const other = await person(h);
    const ids: Record<string, string> = {};
    for (const type of ['ACTIVE_CITIZEN', 'TRAFFIC_FINES', 'PAYMENTS', 'HEALTH']) {
      const { addWidget } = await h.gql.ok(ADD_WIDGET, { type }, { token: owner.token });
      ids[type] = addWidget.id;
    }
    expect((await positions(owner)).map((w) => [w.type, w.position])).toEqual([
      ['ACTIVE_CITIZEN', 0],
      ['TRAFFIC_FINES', 1],
      ['PAYMENTS', 2],
      ['HEALTH', 3],
    ]);
    const twice = await h.gql.request(ADD_WIDGET, { type: 'PAYMENTS' }, { token: owner.token });
    expect(twice.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      subCode: 'WIDGET_EXISTS',
    });

    const moved = await h.gql.ok(
      MOVE_WIDGET,
      { id: ids.HEALTH, position: 0 },
      { token: owner.token },
    );
    expect(
      moved.moveWidget.map((w: { type: string; position: number }) => [w.type, w.position]),
    ).toEqual([
      ['HEALTH', 0],
      ['ACTIVE_CITIZEN', 1],
      ['TRAFFIC_FINES', 2],
      ['PAYMENTS', 3],
    ]);
    const outside = await h.gql.request(
      MOVE_WIDGET,
      { id: ids.HEALTH, position: 4 },
      { token: owner.token },
    );
    expect(outside.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WIDGET_POSITION_INVALID',
    });
    const foreign = await h.gql.request(
      MOVE_WIDGET,
      { id: ids.HEALTH, position: 0 },
      { token: other.token },
    );
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'WIDGET_NOT_FOUND',
    });

    const hidden = await h.gql.ok(HIDE_WIDGET, { id: ids.ACTIVE_CITIZEN }, { token: owner.token });
    expect(hidden.hideWidget).toMatchObject({ hidden: true, position: 1 });
    const visible = await h.gql.ok(DASHBOARD, {}, { token: owner.token });
    expect(visible.dashboard.map((w: { type: string }) => w.type)).toEqual([
      'HEALTH',
      'TRAFFIC_FINES',
      'PAYMENTS',
    ]);
    const shown = await h.gql.ok(SHOW_WIDGET, { id: ids.ACTIVE_CITIZEN }, { token: owner.token });
    expect(shown.showWidget.hidden).toBe(false);

    const settings = await h.gql.ok(
      UPDATE_WIDGET_SETTINGS,
      { id: ids.TRAFFIC_FINES, settings: { unpaidOnly: true, limit: 3 } },
      { token: owner.token },
    );
    expect(settings.updateWidgetSettings.settings).toEqual({ unpaidOnly: true, limit: 3 });
    const wrongKey = await h.gql.request(
      UPDATE_WIDGET_SETTINGS,
      { id: ids.HEALTH, settings: { unpaidOnly: true } },
      { token: owner.token },
    );
    expect(wrongKey.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WIDGET_SETTINGS_INVALID',
      fields: [{ field: 'settings.unpaidOnly' }],
    });
    const badAdd = await h.gql.request(
      ADD_WIDGET,
      { type: 'STATE_EXAMS', settings: { limit: 0 } },
      { token: owner.token },
    );
    expect(badAdd.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'settings.limit' }],
    });

    expect(
      (await h.gql.ok(REMOVE_WIDGET, { id: ids.ACTIVE_CITIZEN }, { token: owner.token }))
        .removeWidget,
    ).toBe(true);
    expect((await positions(owner)).map((w) => [w.type, w.position])).toEqual([
      ['HEALTH', 0],
      ['TRAFFIC_FINES', 1],
      ['PAYMENTS', 2],
    ]);
    const gone = await h.gql.request(
      REMOVE_WIDGET,
      { id: ids.ACTIVE_CITIZEN },
      { token: owner.token },
    );
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await positions(other)).toEqual([]);
  });

  it('should keep positions 0..n-1 without duplicates under concurrent moves', async () => {
    const owner = await person(h);
    const ids: string[] = [];
    for (const type of ALL_TYPES.slice(0, 6)) {
      ids.push((await h.gql.ok(ADD_WIDGET, { type }, { token: owner.token })).addWidget.id);
    }
    const moves = [
      { id: ids[5], position: 0 },
      { id: ids[0], position: 5 },
      { id: ids[2], position: 4 },
      { id: ids[4], position: 1 },
    ];
    const results = await Promise.all(
      moves.map((m) => h.gql.request(MOVE_WIDGET, m, { token: owner.token })),
    );
    results.forEach((r) => expect(r.errors).toBeUndefined());
    // Each answer is a consistent snapshot: dense and without duplicates.
    for (const r of results) {
      expect(r.data!.moveWidget.map((w: { position: number }) => w.position)).toEqual([
        0, 1, 2, 3, 4, 5,
      ]);
    }
    const final = await positions(owner);
    expect(final.map((w) => w.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(final.map((w) => w.id)).size).toBe(6);
  });

  it('should build content from matched events with a bounded number of queries per dashboard', async () => {
    const owner = await person(h);
    const plate = randomPlate();
    const childSnils = randomSnils();
    const payerCode = String(Date.now()).slice(-10);
    await provenVehicle(h, owner, plate);
    await h.gql.ok(
      UPDATE_PROFILE,
      {
        input: {
          payerCode,
          address: `Москва, ул. Тестовая, ${payerCode}`,
          omsPolicy: '1234567890123456',
          electricityAccount: payerCode,
        },
      },
      { token: owner.token },
    );
    const child = await h.gql.ok(
      ADD_CHILD,
      {
        input: {
          lastName: 'Иванов',
          firstName: 'Пётр',
          birthDate: '2010-03-04',
          snils: childSnils,
        },
      },
      { token: owner.token },
    );
    // Proven an hour ago (the birth-record check itself is proven-links.e2e-spec's): exam
    // results are a child's personal events.
    await h.t.dataSource.query(
      "UPDATE children SET verification = 'VERIFIED', verified_at = ? WHERE id = ?",
      [new Date(Date.now() - 3600_000), child.addChild.id],
    );
    const exam = {
      source: 'rcoi',
      externalId: externalId('exam'),
      category: 'EXAM_RESULTS',
      subject: { kind: 'CHILD_SNILS', value: childSnils.replace(/\D/g, '') },
      title: 'ЕГЭ по математике: 86 баллов',
      status: 'RESULT',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    };
    const bill = {
      source: 'epd',
      externalId: externalId('bill'),
      category: 'HOT_WATER_SHUTOFF',
      subject: { kind: 'PAYER_CODE', value: payerCode },
      title: 'ЕПД за апрель',
      amount: 4321.5,
      status: 'UNPAID',
      occurredAt: new Date(Date.now() - 120_000).toISOString(),
      dueAt: new Date(Date.now() + 10 * 86400_000).toISOString(),
    };
    await h.gql.ok(INGEST, { events: [fineEvent(plate), exam, bill] }, { token: client });

    await h.gql.ok(ADD_WIDGET, { type: 'TRAFFIC_FINES' }, { token: owner.token });
    await h.gql.ok(
      ADD_WIDGET,
      { type: 'STATE_EXAMS', settings: { childId: child.addChild.id } },
      { token: owner.token },
    );
    const strangerChild = await h.gql.request(
      ADD_WIDGET,
      { type: 'CHILD_AT_SCHOOL', settings: { childId: '6f1c1e3a-0000-4000-8000-000000000001' } },
      { token: owner.token },
    );
    expect(strangerChild.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'settings.childId' }],
    });

    const logger = h.t.dataSource.logger;
    const spy = jest.spyOn(logger, 'logQuery');
    // The least over three runs: a background sweep may slip a query into one of them.
    const queriesFor = async (): Promise<number> => {
      let least = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        spy.mockClear();
        await h.gql.ok(DASHBOARD, {}, { token: owner.token });
        least = Math.min(least, spy.mock.calls.length);
      }
      return least;
    };
    try {
      const few = await queriesFor();
      const { dashboard: two } = await h.gql.ok(DASHBOARD, {}, { token: owner.token });
      expect(two.map((w: { type: string }) => w.type)).toEqual(['TRAFFIC_FINES', 'STATE_EXAMS']);
      expect(two[0].content.items[0]).toMatchObject({
        title: 'Штраф за превышение скорости',
        amount: 500,
      });
      expect(two[1].content).toMatchObject({
        summary: 'ЕГЭ по математике: 86 баллов',
        items: [{ title: 'ЕГЭ по математике: 86 баллов', status: 'RESULT' }],
      });
      for (const type of ALL_TYPES.filter((t) => !['TRAFFIC_FINES', 'STATE_EXAMS'].includes(t))) {
        await h.gql.ok(ADD_WIDGET, { type }, { token: owner.token });
      }
      const many = await queriesFor();
      const { dashboard: everyWidget } = await h.gql.ok(DASHBOARD, {}, { token: owner.token });
      expect(everyWidget).toHaveLength(ALL_TYPES.length);
      expect(many).toBe(few);
      // Widgets, identifiers, events (and the session check of the token, when it has one).
      expect(many).toBeGreaterThanOrEqual(3);
      expect(many).toBeLessThanOrEqual(5);
      const payments = everyWidget.find((w: { type: string }) => w.type === 'PAYMENTS');
      expect(payments.content).toMatchObject({
        badge: 1,
        summary: 'К оплате: 4\u00a0321,50 ₽ (счетов: 1)',
        items: [{ title: 'ЕПД за апрель', amount: 4321.5, date: bill.dueAt }],
      });
      const pension = everyWidget.find((w: { type: string }) => w.type === 'PENSION_FUND');
      expect(pension).toMatchObject({ missingFields: ['snils'], content: null });
    } finally {
      spy.mockRestore();
    }
  });

  it('should give a student session the child’s own dashboard', async () => {
    const parent = await person(h);
    const child = await h.gql.ok(
      ADD_CHILD,
      { input: { lastName: 'Иванова', firstName: 'Анна', birthDate: '2012-05-06' } },
      { token: parent.token },
    );
    const childToken = await signTestToken(h.t.app, { sub: parent.id, child: child.addChild.id });
    await h.gql.ok(ADD_WIDGET, { type: 'HEALTH' }, { token: parent.token });
    const added = await h.gql.ok(ADD_WIDGET, { type: 'CHILD_AT_SCHOOL' }, { token: childToken });
    expect(added.addWidget).toMatchObject({ position: 0, missingFields: [] });
    const own = await h.gql.ok(DASHBOARD, {}, { token: childToken });
    expect(own.dashboard.map((w: { type: string }) => w.type)).toEqual(['CHILD_AT_SCHOOL']);
    const parents = await h.gql.ok(DASHBOARD, {}, { token: parent.token });
    expect(parents.dashboard.map((w: { type: string }) => w.type)).toEqual(['HEALTH']);
    const reach = await h.gql.request(
      HIDE_WIDGET,
      { id: parents.dashboard[0].id },
      { token: childToken },
    );
    expect(reach.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    await h.gql.ok(
      'mutation($id: ID!) { removeChild(id: $id) }',
      { id: child.addChild.id },
      {
        token: parent.token,
      },
    );
    const [left] = await h.t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM widgets WHERE owner_id = ?',
      [child.addChild.id],
    );
    expect(Number(left.n)).toBe(0);
  });
});
