import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportStatus } from '../remote-work-report.enums';

// A report in these statuses means the organization has done its part for the week: it is being
// checked or was accepted. A REJECTED or FAILED one still leaves the week to be reported.
const REPORTED = [
  ReportStatus.QUEUED,
  ReportStatus.PROCESSING,
  ReportStatus.ACCEPTED,
  ReportStatus.PARTIALLY_ACCEPTED,
];

/** The only user of `remote_work_report_reminders` (deadline reminders sent). */
@Injectable()
export class ReportReminderRepository {
  /** Those of the organizations that have a report of the week being checked or accepted. */
  async reportedOrganizations(
    em: EntityManager,
    week: string,
    organizationIds: readonly string[],
  ): Promise<Set<string>> {
    if (organizationIds.length === 0) {
      return new Set();
    }
    const rows = await em.query<{ organization_id: string }[]>(
      `SELECT DISTINCT organization_id FROM remote_work_reports
       WHERE reporting_week = ? AND status IN (${REPORTED.map(() => '?').join(', ')})
         AND organization_id IN (${organizationIds.map(() => '?').join(', ')})`,
      [week, ...REPORTED, ...organizationIds],
    );
    return new Set(rows.map((r) => r.organization_id));
  }

  /** Claims the day's reminder of an organization for a week; false when it was claimed before. */
  async claim(
    em: EntityManager,
    organizationId: string,
    week: string,
    day: string,
    now: Date,
  ): Promise<boolean> {
    const result = await em.query<{ affectedRows: number }>(
      `INSERT IGNORE INTO remote_work_report_reminders
         (organization_id, reporting_week, reminder_date, created_at)
       VALUES (?, ?, ?, ?)`,
      [organizationId, week, day, now],
    );
    return result.affectedRows === 1;
  }

  async setRecipients(
    em: EntityManager,
    organizationId: string,
    week: string,
    day: string,
    recipients: number,
  ): Promise<void> {
    await em.query(
      `UPDATE remote_work_report_reminders SET recipients = ?
       WHERE organization_id = ? AND reporting_week = ? AND reminder_date = ?`,
      [recipients, organizationId, week, day],
    );
  }
}
