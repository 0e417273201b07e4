import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { reportsConfig } from '../../../config/configuration';
import { PeriodicTask } from '../../../queues/periodic/periodic-task';
import type { PeriodicWork } from '../../../queues/periodic/periodic-task';
import { NotificationCategory } from '../../service-events';
import { PersonalNotices } from '../../notifications';
import { OrganizationAccess } from '../../organizations';
import { ReportDeadlineService } from '../deadlines/report-deadline.service';
import { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { ReportReminderRepository } from '../repositories/report-reminder.repository';
import { moscowDate, moscowDateTime, reminderWeek, weekLabel } from '../reporting-week';

// Organizations looked at per page (one membership query, one report query per page).
const PAGE = 200;

/** What one run did. */
export interface ReminderRun {
  week: string | null;
  organizationsReminded: number;
  recipients: number;
}

/**
 * Deadline reminders (issue: spread the deadline instead of surviving it). On the Thursday and
 * the Friday before a reporting deadline (Moscow, from REPORT_REMINDER_FROM_HOUR), each
 * organization with no report of the week being checked or accepted gets one reminder a day: a
 * REPORTS notice to its ACTIVE HEAD and ADMIN members subscribed to REPORTS (in-app, and the
 * e-mail / SMS copies they chose), with the deadline and the template link. The day's row in
 * `remote_work_report_reminders` is claimed before sending, so runs of any frequency on any
 * number of instances remind each organization at most once a day (a crash between the claim
 * and the send loses that day's reminder; the other day's still comes).
 */
@Injectable()
@PeriodicTask({ name: 'remote-work-report-deadline-reminders', everyMs: 15 * 60_000 })
export class ReportDeadlineReminderTask implements PeriodicWork {
  private readonly logger = new Logger(ReportDeadlineReminderTask.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationAccess,
    private readonly reminders: ReportReminderRepository,
    private readonly deadlines: ReportDeadlineService,
    private readonly query: RemoteWorkReportQueryService,
    private readonly notices: PersonalNotices,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {}

  async run(now: Date): Promise<ReminderRun> {
    const week = reminderWeek(now, this.config.reminderFromHour);
    if (!week) {
      return { week: null, organizationsReminded: 0, recipients: 0 };
    }
    const deadline = await this.deadlines.deadlineOf(week);
    if (now.getTime() >= deadline.getTime()) {
      return { week, organizationsReminded: 0, recipients: 0 };
    }
    const day = moscowDate(now);
    const em = this.dataSource.manager;
    const done: ReminderRun = { week, organizationsReminded: 0, recipients: 0 };
    let after = '';
    for (;;) {
      const page = await this.organizations.managersPage(after, PAGE);
      if (page.length === 0) {
        break;
      }
      after = page[page.length - 1].organizationId;
      const reported = await this.reminders.reportedOrganizations(
        em,
        week,
        page.map((o) => o.organizationId),
      );
      for (const organization of page) {
        if (reported.has(organization.organizationId)) {
          continue;
        }
        if (!(await this.reminders.claim(em, organization.organizationId, week, day, now))) {
          continue;
        }
        const reached = await this.notices.sendToSubscribers({
          userIds: organization.userIds,
          category: NotificationCategory.REPORTS,
          title: `Отчёт об удалённой работе: срок — ${moscowDateTime(deadline)} (МСК)`,
          body: this.body(organization.fullName, week, deadline),
        });
        await this.reminders.setRecipients(
          em,
          organization.organizationId,
          week,
          day,
          reached.length,
        );
        done.organizationsReminded++;
        done.recipients += reached.length;
      }
    }
    this.logger.log(done, 'report deadline reminders sent');
    return done;
  }

  private body(organization: string, week: string, deadline: Date): string {
    return (
      `${organization}: отчёт о работниках на удалённой работе за неделю ${weekLabel(week)} ` +
      `ещё не получен. Загрузите его до ${moscowDateTime(deadline)} по московскому времени. ` +
      `Шаблон: ${this.query.templateUrl()}. Проверить файл до отправки можно без сдачи отчёта.`
    );
  }
}
