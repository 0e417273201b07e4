import { restoreReportEnv } from './report-env';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  addMember,
  createOtherOrganization,
  ensureOrganization,
  fixtureBytes,
  memberToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';
import { insertUser } from '../../support/db-fixtures';
import { signTestToken } from '../../support/tokens';
import { MessagingService } from '../../../src/modules/messaging';
import { reportDeadlineExtend } from '../../../src/cli/report-deadline-extend.command';
import { ReportDeadlineReminderTask } from '../../../src/modules/remote-work-reports/reminders/report-deadline-reminder.task';

const INBOX = '{ notifications(first: 20) { edges { node { id category title body } } } }';
const UNSUBSCRIBE = `mutation { unsubscribe(category: REPORTS) { category subscribed channels } }`;
const SUBSCRIPTIONS = '{ notificationSubscriptions { category subscribed channels } }';
const DAY = 86_400_000;

interface Manager {
  userId: string;
  token: string;
}

describe('remote-work reports: deadline reminders', () => {
  let t: TestApp;
  let task: ReportDeadlineReminderTask;

  beforeAll(async () => {
    t = await createTestApp();
    task = t.app.get(ReportDeadlineReminderTask);
  });

  afterAll(async () => {
    await t.close();
    restoreReportEnv();
  });

  async function manager(
    organizationId: string,
    role: 'HEAD' | 'ADMIN' | 'EMPLOYEE',
    channels: string | null,
    email: string | null = null,
  ): Promise<Manager> {
    const { id: userId } = await insertUser(t.dataSource);
    if (email) {
      // Copies go to confirmed e-mails only.
      await t.dataSource.query(
        'UPDATE users SET email = ?, email_confirmed_at = NOW(3) WHERE id = ?',
        [email, userId],
      );
    }
    await addMember(t.dataSource, organizationId, userId, role);
    if (channels) {
      await t.dataSource.query(
        `INSERT INTO notification_subscriptions (user_id, category, channels, created_at, updated_at)
         VALUES (?, 'REPORTS', ?, NOW(3), NOW(3))`,
        [userId, channels],
      );
    }
    return { userId, token: await signTestToken(t.app, { sub: userId }) };
  }

  async function inbox(m: Manager) {
    const res = await t.gql.ok(INBOX, {}, { token: m.token });
    return (res.notifications.edges as { node: Record<string, string> }[])
      .map((e) => e.node)
      .filter((n) => n.category === 'REPORTS');
  }

  // 10:00 Moscow (07:00 UTC) on the day `daysBefore` days before the week's Monday.
  const at = (week: string, daysBefore: number, utcHour = 7) =>
    new Date(Date.parse(`${week}T00:00:00Z`) - daysBefore * DAY + utcHour * 3600_000);

  it('should remind HEAD and ADMIN members of organizations without a report, unless they opted out, once a day, on Thursday and Friday only', async () => {
    const week = uniqueWeek();
    const late = await createOtherOrganization(t.dataSource);
    const headEmail = `head-${Date.now()}@example.ru`;
    const head = await manager(late, 'HEAD', 'IN_APP,EMAIL', headEmail);
    const admin = await manager(late, 'ADMIN', 'IN_APP');
    // Never chose anything: REPORTS is on by default (in-app, and e-mail when there is one).
    const defaultEmail = `default-${Date.now()}@example.ru`;
    const byDefault = await manager(late, 'ADMIN', null, defaultEmail);
    const defaults = await t.gql.ok(SUBSCRIPTIONS, {}, { token: byDefault.token });
    expect(
      defaults.notificationSubscriptions.find(
        (o: { category: string }) => o.category === 'REPORTS',
      ),
    ).toEqual({ category: 'REPORTS', subscribed: true, channels: ['IN_APP', 'EMAIL'] });
    // Turned it off: the refusal is stored and honoured.
    const optedOutEmail = `out-${Date.now()}@example.ru`;
    const optedOut = await manager(late, 'HEAD', null, optedOutEmail);
    const off = await t.gql.ok(UNSUBSCRIBE, {}, { token: optedOut.token });
    expect(off.unsubscribe).toEqual({ category: 'REPORTS', subscribed: false, channels: [] });
    const after = await t.gql.ok(SUBSCRIPTIONS, {}, { token: optedOut.token });
    expect(
      after.notificationSubscriptions.find((o: { category: string }) => o.category === 'REPORTS'),
    ).toMatchObject({ subscribed: false, channels: [] });
    const employee = await manager(late, 'EMPLOYEE', 'IN_APP,EMAIL', 'emp@example.ru');

    // An organization whose report is in: nothing for it.
    const romashka = await ensureOrganization(t.dataSource, ROMASHKA);
    const punctual = await manager(romashka, 'ADMIN', 'IN_APP');
    const { token } = await memberToken(t, romashka, 'HEAD');
    const submitted = await uploadReport(t, token, fixtureBytes(), { week });
    await waitForFinalReport(t, token, submitted.data!.submitRemoteWorkReport.id);

    // Only a REJECTED report: still reminded.
    const rejectedOrg = await createOtherOrganization(t.dataSource);
    const rejectedHead = await manager(rejectedOrg, 'HEAD', 'IN_APP');
    const rejectedToken = (await memberToken(t, rejectedOrg, 'HEAD')).token;
    const bad = await uploadReport(t, rejectedToken, Buffer.from('not a workbook'), { week });
    expect(
      (await waitForFinalReport(t, rejectedToken, bad.data!.submitRemoteWorkReport.id)).status,
    ).toBe('REJECTED');

    // Watched, not replaced: the copies still go through the messaging queue.
    const sendEmail = jest.spyOn(t.app.get(MessagingService), 'sendEmail');
    // Wednesday, and Thursday before 09:00 Moscow: not yet.
    expect(await task.run(at(week, 5))).toMatchObject({ week: null, organizationsReminded: 0 });
    expect(await task.run(at(week, 4, 5))).toMatchObject({ week: null, organizationsReminded: 0 });
    expect(await inbox(head)).toEqual([]);

    // Thursday 10:00 and again 11:00: one reminder.
    await task.run(at(week, 4));
    await task.run(at(week, 4, 8));
    const [thursday] = await inbox(head);
    expect(await inbox(head)).toHaveLength(1);
    expect(thursday.title).toContain(
      `${week.slice(8, 10)}.${week.slice(5, 7)}.${week.slice(0, 4)} 23:59`,
    );
    expect(thursday.body).toContain('/files/templates/remote-work-report.xlsx');
    expect(await inbox(admin)).toHaveLength(1);
    expect(await inbox(rejectedHead)).toHaveLength(1);
    expect(await inbox(byDefault)).toHaveLength(1);
    expect(await inbox(optedOut)).toEqual([]);
    expect(await inbox(employee)).toEqual([]);
    expect(await inbox(punctual)).toEqual([]);

    // The e-mail copy to the HEAD who chose it and to the ADMIN on the defaults, none to the
    // ADMIN who chose in-app only nor to the HEAD who opted out.
    const [defaulted] = await inbox(byDefault);
    // Managers of other organizations in the database (earlier specs) are reminded too.
    const ours = new Set([headEmail, defaultEmail, optedOutEmail, 'emp@example.ru']);
    const mailed = sendEmail.mock.calls
      .filter(([to]) => ours.has(to))
      .map(([to, subject, , jobId]) => ({ to, subject, jobId }));
    expect(mailed).toEqual(
      expect.arrayContaining([
        {
          to: headEmail,
          subject: expect.stringContaining('Отчёт об удалённой работе'),
          jobId: `notification-copy:${thursday.id}:email`,
        },
        {
          to: defaultEmail,
          subject: expect.stringContaining('Отчёт об удалённой работе'),
          jobId: `notification-copy:${defaulted.id}:email`,
        },
      ]),
    );
    expect(mailed).toHaveLength(2);

    // Friday: the second one; Saturday and the day after the deadline: nothing more.
    await task.run(at(week, 3));
    await task.run(at(week, 3, 15));
    await task.run(at(week, 2));
    await task.run(at(week, -1));
    expect(await inbox(head)).toHaveLength(2);
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM remote_work_report_reminders WHERE organization_id = ? AND reporting_week = ?',
      [late, week],
    );
    expect(Number(n)).toBe(2);
  });

  it('should name an extended deadline', async () => {
    const week = uniqueWeek();
    const org = await createOtherOrganization(t.dataSource);
    const head = await manager(org, 'HEAD', 'IN_APP');
    const wednesday = new Date(Date.parse(`${week}T00:00:00Z`) + 2 * DAY)
      .toISOString()
      .slice(0, 10);
    await reportDeadlineExtend(t.app, [week, `${wednesday}T18:00:00+03:00`]);
    await task.run(at(week, 3));
    const [notice] = await inbox(head);
    expect(notice.title).toContain(
      `${wednesday.slice(8, 10)}.${wednesday.slice(5, 7)}.${wednesday.slice(0, 4)} 18:00`,
    );
  });
});
