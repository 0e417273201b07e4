import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { ReportStatus } from '../remote-work-report.enums';

/** What a status change tells listeners (the body of the future webhook, API.md «integrators»). */
export interface ReportStatusChange {
  /** The outbox row's id: the same change handed over twice carries the same id. */
  eventId: string;
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
 * Report status changes. {@link statusChanged} announces one to GraphQL subscribers through the
 * Redis pub/sub (so a worker's change reaches every API node), after its commit; a failure there
 * is logged and never undoes the change: the status is in the database, and a subscriber asking
 * for a report gets its current state first. Listeners registered with
 * {@link onReportStatusChanged} (webhooks) are not called from the request path: each change is
 * an outbox row written with it, and the worker's drain hands it to them ({@link deliver}).
 */
@Injectable()
export class RemoteWorkReportEvents {
  private readonly logger = new Logger(RemoteWorkReportEvents.name);
  private readonly listeners = new Set<ReportStatusListener>();

  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSubEngine) {}

  /** Calls `listener` for every status change drained from the outbox; returns the unregister. */
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
  }

  /** Hands a recorded change to every listener; throws when one fails (the change is kept). */
  async deliver(change: ReportStatusChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error(
          { err: error, reportId: change.reportId, eventId: change.eventId },
          'report status listener failed',
        );
        throw error;
      }
    }
  }
}
