import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportStatus } from '../remote-work-report.enums';
import type { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import type { ReportStatusChange } from './report-status.events';

interface StatusEventRow {
  id: string;
  reportId: string;
  organizationId: string;
  reportingWeek: string;
  status: ReportStatus;
  occurredAt: Date;
}

/**
 * The outbox of report status changes (`remote_work_report_status_events`). Every status change
 * writes its row with the same EntityManager (transaction) as the change itself, so a change is
 * never committed without it, nor it without the change; a worker drains it
 * ({@link ReportStatusOutboxDrain}) and deletes what it delivered.
 */
@Injectable()
export class ReportStatusOutbox {
  /** Records the QUEUED of newly inserted reports (one statement for all of them). */
  async recordInserted(
    em: EntityManager,
    reports: readonly RemoteWorkReportEntity[],
  ): Promise<void> {
    if (reports.length === 0) {
      return;
    }
    await em.query(
      `INSERT INTO remote_work_report_status_events
         (id, report_id, organization_id, reporting_week, status, occurred_at)
       VALUES ${reports.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      reports.flatMap((r) => [
        randomUUID(),
        r.id,
        r.organizationId,
        r.reportingWeek,
        r.status,
        r.createdAt,
      ]),
    );
  }

  /** Records that report `reportId` is now `status` (its organization and week read in SQL). */
  async record(
    em: EntityManager,
    reportId: string,
    status: ReportStatus,
    occurredAt: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO remote_work_report_status_events
         (id, report_id, organization_id, reporting_week, status, occurred_at)
       SELECT ?, id, organization_id, reporting_week, ?, ? FROM remote_work_reports WHERE id = ?`,
      [randomUUID(), status, occurredAt, reportId],
    );
  }

  /** The oldest undelivered changes, oldest first. */
  async findOldest(em: EntityManager, limit: number): Promise<ReportStatusChange[]> {
    const rows = await em.query<StatusEventRow[]>(
      `SELECT id, report_id AS reportId, organization_id AS organizationId,
              DATE_FORMAT(reporting_week, '%Y-%m-%d') AS reportingWeek, status,
              occurred_at AS occurredAt
       FROM remote_work_report_status_events
       ORDER BY occurred_at, id
       LIMIT ?`,
      [limit],
    );
    return rows.map((row) => ({
      eventId: row.id,
      reportId: row.reportId,
      organizationId: row.organizationId,
      reportingWeek: row.reportingWeek,
      status: row.status,
      occurredAt: new Date(row.occurredAt),
    }));
  }

  async deleteByIds(em: EntityManager, ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await em.query(
        `DELETE FROM remote_work_report_status_events WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
    }
  }
}
