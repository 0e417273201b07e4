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
      await t.dataSource.query('UPDATE users SET email = ? WHERE id = ?', [email, userId]);
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

  it('should remind subscribed HEAD and ADMIN members of organizations without a report, once a day, on Thursday and Friday only', async () => {
    const week = uniqueWeek();
    const late = await createOtherOrganization(t.dataSource);
    const headEmail = `head-${Date.now()}@example.ru`;
    const head = await manager(late, 'HEAD', 'IN_APP,EMAIL', headEmail);
    const admin = await manager(late, 'ADMIN', 'IN_APP');
    const unsubscribed = await manager(late, 'HEAD', null);
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
    expect(await inbox(unsubscribed)).toEqual([]);
    expect(await inbox(employee)).toEqual([]);
    expect(await inbox(punctual)).toEqual([]);

    // The e-mail copy to the HEAD who chose it, none to the ADMIN who did not.
    const mailed = sendEmail.mock.calls.map(([to, subject, , jobId]) => ({ to, subject, jobId }));
    expect(mailed).toEqual([
      {
        to: headEmail,
        subject: expect.stringContaining('Отчёт об удалённой работе'),
        jobId: `notification-copy:${thursday.id}:email`,
      },
    ]);

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
