import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DocumentExpiryReminders } from '../../../src/modules/document-reminders/document-expiry.reminders';
import {
  Account,
  AuthHarness,
  errorOf,
  registerAccount,
  startAuthApp,
} from '../auth/auth-e2e.helpers';

const NOTIFICATIONS = `{ notifications(first: 50) {
  edges { node { category title body } } } }`;
const PASSPORT = '{ me { birthDate passport { series number issuedAt validUntil } } }';
const WIDGET_FIELDS = `id type missingFields content { summary badge items { title subtitle status date } }`;
const ADD_WIDGET = `mutation($type: WidgetType!, $settings: JSON) {
  addWidget(type: $type, settings: $settings) { ${WIDGET_FIELDS} } }`;
const DASHBOARD = `{ dashboard { ${WIDGET_FIELDS} } }`;
const DAY = 86_400_000;
const UPDATE_LICENCE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`;
const LICENCE = '{ me { profileLinks { kind value validUntil } } }';

type Notice = { category: string; title: string; body: string | null };

/** `YYYY-MM-DD` plus days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** `date` minus whole years (the tests avoid 29 February). */
function minusYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

/** Noon in Moscow on `date`: the task's clock. */
function moscowNoon(date: string): Date {
  return new Date(`${date}T09:00:00.000Z`);
}

function russian(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** `date` plus whole years (the tests avoid 29 February). */
function plusYears(date: string, years: number): string {
  return minusYears(date, -years);
}

// Issue dates in the past (the profile refuses future ones), apart from each other's window.
function pastIssueDate(): string {
  const base = Date.parse('2000-01-10T00:00:00Z') + randomInt(0, 700) * 7 * DAY;
  const date = new Date(base).toISOString().slice(0, 10);
  return date.endsWith('-02-29') ? addDays(date, 1) : date;
}

// Birthdays far from the real today and from each other: the task scans everyone's passports,
// so each test owns a window of dates no other test's person falls into.
function futureDate(): string {
  const base = Date.parse('2031-01-10T00:00:00Z') + randomInt(0, 3000) * 7 * DAY;
  const date = new Date(base).toISOString().slice(0, 10);
  return date.endsWith('-02-29') ? addDays(date, 1) : date;
}

describe('documents that warn before they expire', () => {
  let h: AuthHarness;
  let db: DataSource;
  let reminders: DocumentExpiryReminders;

  beforeAll(async () => {
    h = await startAuthApp();
    db = h.t.dataSource;
    // Loaded after the app: see the data-export spec (GraphQL metadata storage).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../../src/modules/document-reminders/document-expiry.reminders') as {
      DocumentExpiryReminders: new (...args: never[]) => DocumentExpiryReminders;
    };
    reminders = h.t.app.get(mod.DocumentExpiryReminders, { strict: false });
  });

  afterAll(async () => {
    await h?.close();
  });

  // Directly: through updateProfile a new birth date sends the passport back to the registry,
  // which is not what these tests are about.
  async function setBirthDate(account: Account, birthDate: string): Promise<void> {
    await db.query('UPDATE users SET birth_date = ? WHERE id = ?', [birthDate, account.userId]);
  }

  async function withPassport(
    account: Account,
    birthDate: string | null,
    issuedAt: string,
  ): Promise<void> {
    if (birthDate) {
      await setBirthDate(account, birthDate);
    }
    await db.query(
      `INSERT INTO identity_documents (id, user_id, kind, series, number, issued_at, issued_by,
         status, in_force, submitted_at, verified_at, updated_at)
       VALUES (?, ?, 'PASSPORT', '4510', ?, ?, 'ГУ МВД России по г. Москве', 'VERIFIED', 1,
               NOW(3), NOW(3), NOW(3))`,
      [randomUUID(), account.userId, String(randomInt(100000, 999999)), issuedAt],
    );
  }

  async function setLicence(account: Account, issuedAt: string): Promise<void> {
    await h.gql.ok(
      UPDATE_LICENCE,
      { input: { driverLicense: '77 АВ 123456', driverLicenseIssuedAt: issuedAt } },
      { token: account.accessToken },
    );
  }

  async function licenceValidUntil(account: Account): Promise<string | null> {
    const me = await h.gql.ok<{
      me: { profileLinks: { kind: string; validUntil: string | null }[] };
    }>(LICENCE, {}, { token: account.accessToken });
    return me.me.profileLinks.find((l) => l.kind === 'DRIVER_LICENSE')?.validUntil ?? null;
  }

  async function documentNotices(account: Account): Promise<Notice[]> {
    const res = await h.gql.ok<{ notifications: { edges: { node: Notice }[] } }>(
      NOTIFICATIONS,
      {},
      { token: account.accessToken },
    );
    return res.notifications.edges.map((e) => e.node).filter((n) => n.category === 'DOCUMENTS');
  }

  it('should remind 60, 30 and 7 days before the 20th birthday, each once', async () => {
    const a = await registerAccount(h);
    const due = futureDate();
    await withPassport(a, minusYears(due, 20), minusYears(due, 6));
    const me = await h.gql.ok(PASSPORT, {}, { token: a.accessToken });
    expect(me.me.passport.validUntil).toBe(due);

    const days: [number, number][] = [
      [61, 0],
      [60, 1],
      [60, 0], // the same day again
      [45, 0],
      [30, 1],
      [29, 0],
      [7, 1],
      [3, 0],
      [0, 0],
      [-5, 0],
    ];
    let total = 0;
    for (const [before, expected] of days) {
      await reminders.run(moscowNoon(addDays(due, -before)));
      total += expected;
      expect({ before, notices: (await documentNotices(a)).length }).toEqual({
        before,
        notices: total,
      });
    }
    const notices = await documentNotices(a);
    expect(notices).toHaveLength(3);
    // Newest first: 7, 30, 60 days.
    expect(notices.map((n) => n.body)).toEqual([
      expect.stringContaining('осталось 7 дней'),
      expect.stringContaining('осталось 30 дней'),
      expect.stringContaining('осталось 60 дней'),
    ]);
    expect(notices[0]).toMatchObject({
      title: `Замените паспорт до ${russian(due)}`,
      body: expect.stringContaining('В 20 лет паспорт гражданина России нужно заменить'),
    });
  });

  it('should remind once at the nearest threshold when the birth date comes late, and at 45', async () => {
    const a = await registerAccount(h);
    const due = futureDate();
    // Issued at 20 (replaced in time): the next end is the 45th birthday.
    await withPassport(a, null, minusYears(due, 25));
    await reminders.run(moscowNoon(addDays(due, -60)));
    expect(await documentNotices(a)).toEqual([]);

    await setBirthDate(a, minusYears(due, 45));
    await reminders.run(moscowNoon(addDays(due, -20)));
    await reminders.run(moscowNoon(addDays(due, -19)));
    const notices = await documentNotices(a);
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toMatch(/^В 45 лет .*осталось 20 дней/);
    await reminders.run(moscowNoon(addDays(due, -6)));
    expect(await documentNotices(a)).toHaveLength(2);
  });

  it('should send on the next run a reminder claimed but never sent', async () => {
    const a = await registerAccount(h);
    const due = futureDate();
    await withPassport(a, minusYears(due, 20), minusYears(due, 6));
    const [{ id: documentId }] = await db.query(
      "SELECT id FROM identity_documents WHERE user_id = ? AND kind = 'PASSPORT'",
      [a.userId],
    );
    // A run claimed the 30-day reminder and died before the notice.
    await db.query(
      `INSERT INTO document_expiry_reminders (document_id, valid_until, days_before, user_id, age,
         created_at, notified_at)
       VALUES (?, ?, 30, ?, 20, NOW(3), NULL)`,
      [documentId, due, a.userId],
    );
    await reminders.run(moscowNoon(addDays(due, -25)));
    await reminders.run(moscowNoon(addDays(due, -24)));
    const notices = await documentNotices(a);
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain('осталось 25 дней');
    const [row] = await db.query(
      'SELECT notified_at FROM document_expiry_reminders WHERE document_id = ?',
      [documentId],
    );
    expect(row.notified_at).not.toBeNull();
  });

  it('should not remind of a passport issued at 45 or later', async () => {
    const a = await registerAccount(h);
    const birthday45 = futureDate();
    await withPassport(a, minusYears(birthday45, 45), addDays(birthday45, 10));
    const me = await h.gql.ok(PASSPORT, {}, { token: a.accessToken });
    expect(me.me.passport.validUntil).toBeNull();
    for (const before of [60, 30, 7]) {
      await reminders.run(moscowNoon(addDays(birthday45, -before)));
    }
    expect(await documentNotices(a)).toEqual([]);
  });

  it('should list what is due on DOCUMENT_DEADLINES, or ask for the birth date', async () => {
    const a = await registerAccount(h);
    const token = a.accessToken;
    const today = new Date(Date.now() + 3 * 3600 * 1000).toISOString().slice(0, 10);
    const due = addDays(today, 40);
    await withPassport(a, null, minusYears(due, 6));

    const added = (await h.gql.ok(ADD_WIDGET, { type: 'DOCUMENT_DEADLINES' }, { token })).addWidget;
    expect(added).toMatchObject({ missingFields: ['birthDate'], content: null });

    await setBirthDate(a, minusYears(due, 20));
    const [widget] = (await h.gql.ok(DASHBOARD, {}, { token })).dashboard;
    expect(widget).toMatchObject({
      type: 'DOCUMENT_DEADLINES',
      missingFields: [],
      content: {
        summary: `Замените паспорт до ${russian(due)}`,
        badge: 1,
        items: [
          {
            title: `Замените паспорт до ${russian(due)}`,
            subtitle: 'В 20 лет паспорт гражданина России нужно заменить',
            status: 'DUE',
            date: `${due}T00:00:00.000Z`,
          },
        ],
      },
    });

    // Not a setting of this widget: refused, nothing changed.
    const bad = await h.gql.request(
      `mutation($id: ID!) { updateWidgetSettings(id: $id, settings: { unpaidOnly: true }) { id } }`,
      { id: widget.id },
      { token },
    );
    expect(errorOf(bad)).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WIDGET_SETTINGS_INVALID',
    });
    const [{ settings }] = await db.query('SELECT settings FROM widgets WHERE id = ?', [widget.id]);
    expect(JSON.parse(settings)).toEqual({});
    expect(errorOf(await h.gql.request(DASHBOARD, {})).code).toBe('UNAUTHENTICATED');
  });

  describe('driver licence', () => {
    it('should remind 60, 30 and 7 days before its printed expiry, each once', async () => {
      const a = await registerAccount(h);
      const issuedAt = pastIssueDate();
      const due = plusYears(issuedAt, 10);
      await setLicence(a, issuedAt);
      expect(await licenceValidUntil(a)).toBe(due);

      const days: [number, number][] = [
        [61, 0],
        [60, 1],
        [60, 0], // the same day again
        [45, 0],
        [30, 1],
        [29, 0],
        [7, 1],
        [3, 0],
        [0, 0],
        [-5, 0],
      ];
      let total = 0;
      for (const [before, expected] of days) {
        await reminders.run(moscowNoon(addDays(due, -before)));
        total += expected;
        expect({ before, notices: (await documentNotices(a)).length }).toEqual({
          before,
          notices: total,
        });
      }
      const notices = await documentNotices(a);
      expect(notices.map((n) => n.body)).toEqual([
        expect.stringContaining('осталось 7 дней'),
        expect.stringContaining('осталось 30 дней'),
        expect.stringContaining('осталось 60 дней'),
      ]);
      expect(notices[0]).toMatchObject({
        title: `Водительское удостоверение действует до ${russian(due)}`,
        body: expect.stringContaining(`ваше действует до ${russian(due)}, осталось 7 дней`),
      });
      const rows = await db.query(
        `SELECT document_kind, document_id, days_before, age FROM document_expiry_reminders
          WHERE user_id = ? ORDER BY days_before`,
        [a.userId],
      );
      expect(rows).toEqual(
        [7, 30, 60].map((days) => ({
          document_kind: 'DRIVER_LICENSE',
          document_id: a.userId,
          days_before: days,
          age: null,
        })),
      );
    });

    it('should move the deadline when the issue date changes, reminding of the new one', async () => {
      const a = await registerAccount(h);
      const first = pastIssueDate();
      const oldDue = plusYears(first, 10);
      await setLicence(a, first);
      await reminders.run(moscowNoon(addDays(oldDue, -60)));
      expect(await documentNotices(a)).toHaveLength(1);

      // The date was mistyped: the licence was issued a year later.
      const second = plusYears(first, 1);
      const newDue = plusYears(second, 10);
      await setLicence(a, second);
      expect(await licenceValidUntil(a)).toBe(newDue);
      await reminders.run(moscowNoon(addDays(oldDue, -30)));
      await reminders.run(moscowNoon(addDays(oldDue, -7)));
      expect(await documentNotices(a)).toHaveLength(1);

      await reminders.run(moscowNoon(addDays(newDue, -60)));
      await reminders.run(moscowNoon(addDays(newDue, -59)));
      const notices = await documentNotices(a);
      expect(notices).toHaveLength(2);
      expect(notices[0]).toMatchObject({
        title: `Водительское удостоверение действует до ${russian(newDue)}`,
        body: expect.stringContaining('осталось 60 дней'),
      });

      // Removed from the profile: no more reminders.
      await h.gql.ok(
        UPDATE_LICENCE,
        { input: { driverLicense: null, driverLicenseIssuedAt: null } },
        { token: a.accessToken },
      );
      await reminders.run(moscowNoon(addDays(newDue, -30)));
      expect(await documentNotices(a)).toHaveLength(2);
    });

    it('should list the licence on DOCUMENT_DEADLINES beside the passport', async () => {
      const a = await registerAccount(h);
      const token = a.accessToken;
      const today = new Date(Date.now() + 3 * 3600 * 1000).toISOString().slice(0, 10);
      const passportDue = addDays(today, 40);
      await withPassport(a, minusYears(passportDue, 20), minusYears(passportDue, 6));
      await h.gql.ok(ADD_WIDGET, { type: 'DOCUMENT_DEADLINES' }, { token });

      // Issued 10 years ago less 20 days: valid for 20 more days.
      const issuedAt = minusYears(addDays(today, 20), 10);
      const licenceDue = addDays(today, 20);
      await setLicence(a, issuedAt);
      const [widget] = (await h.gql.ok(DASHBOARD, {}, { token })).dashboard;
      expect(widget.content).toEqual({
        summary: `Водительское удостоверение действует до ${russian(licenceDue)}`,
        badge: 2,
        items: [
          {
            title: `Водительское удостоверение действует до ${russian(licenceDue)}`,
            subtitle: 'Водительское удостоверение действует 10 лет со дня выдачи',
            status: 'DUE',
            date: `${licenceDue}T00:00:00.000Z`,
          },
          {
            title: `Замените паспорт до ${russian(passportDue)}`,
            subtitle: 'В 20 лет паспорт гражданина России нужно заменить',
            status: 'DUE',
            date: `${passportDue}T00:00:00.000Z`,
          },
        ],
      });

      // A later issue date moves it past the passport, out of the 60 days.
      const renewed = minusYears(addDays(today, 100), 10);
      await setLicence(a, renewed);
      const [after] = (await h.gql.ok(DASHBOARD, {}, { token })).dashboard;
      expect(after.content.badge).toBe(1);
      expect(after.content.items.map((i: { status: string; date: string }) => i.status)).toEqual([
        'DUE',
        'UPCOMING',
      ]);
      expect(after.content.items[1].date).toBe(`${addDays(today, 100)}T00:00:00.000Z`);

      // Expired yesterday: overdue.
      await setLicence(a, minusYears(addDays(today, -1), 10));
      const [overdue] = (await h.gql.ok(DASHBOARD, {}, { token })).dashboard;
      expect(overdue.content.items[0]).toMatchObject({
        status: 'OVERDUE',
        title: `Водительское удостоверение просрочено: действовало до ${russian(addDays(today, -1))}`,
      });
    });
  });
});
