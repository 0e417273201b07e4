import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../../shared/pubsub/pubsub.module';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { ReportStatus } from '../remote-work-report.enums';

/** What a status change tells listeners (the body of the future webhook, API.md «integrators»). */
export interface ReportStatusChange {
  reportId: string;
  organizationId: string;
  reportingWeek: string;
  status: ReportStatus;
  occurredAt: Date;
}

export type ReportStatusListener = (change: ReportStatusChange) => void | Promise<void>;

/** What goes through Redis to subscribers. */
export interface ReportStatusMessage {
  report: RemoteWorkReport;
}

/** The pub/sub channel of one organization's report events: Redis routes them per organization. */
export function reportStatusChannel(organizationId: string): string {
  return `remote-work-report-status:${organizationId}`;
}

/**
 * Announces report status changes, always after the change is committed: to GraphQL subscribers
 * through the Redis pub/sub (so a worker's change reaches every API node) and to in-process
 * listeners registered with {@link onReportStatusChanged} (webhooks). A failure here is logged and
 * never undoes the change: the status is in the database, and a subscriber asking for a report
 * gets its current state first.
 */
@Injectable()
export class RemoteWorkReportEvents {
  private readonly logger = new Logger(RemoteWorkReportEvents.name);
  private readonly listeners = new Set<ReportStatusListener>();

  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSubEngine) {}

  /** Calls `listener` after every status change made by this process; returns the unregister. */
  onReportStatusChanged(listener: ReportStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Rows checked so far of a PROCESSING report, to subscribers only (no status changed: no
   * listener, no webhook). The event has the revision of PROCESSING and `rowsProcessed` set.
   */
  async progress(report: RemoteWorkReport): Promise<void> {
    const message: ReportStatusMessage = { report };
    try {
      await this.pubSub.publish(reportStatusChannel(report.organizationId), message);
    } catch (error) {
      this.logger.warn({ err: error, reportId: report.id }, 'report progress not published');
    }
  }

  async statusChanged(report: RemoteWorkReport): Promise<void> {
    const message: ReportStatusMessage = { report };
    try {
      await this.pubSub.publish(reportStatusChannel(report.organizationId), message);
    } catch (error) {
      this.logger.error({ err: error, reportId: report.id }, 'report status not published');
    }
    const change: ReportStatusChange = {
      reportId: report.id,
      organizationId: report.organizationId,
      reportingWeek: report.reportingWeek,
      status: report.status,
      occurredAt: new Date(),
    };
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error({ err: error, reportId: report.id }, 'report status listener failed');
      }
    }
  }
}
