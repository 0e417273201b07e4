import { Inject, Injectable } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import type { AuthPrincipal } from '../../../shared/auth';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import { reviveRemoteWorkReport } from '../remote-work-report.mapper';
import { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import { ReportAccess } from '../report-access.service';
import { AsyncEventQueue } from '../../../core/pubsub/async-event-queue';
import { reportStatusChannel, ReportStatusMessage } from './report-status.events';

/** One event of `remoteWorkReportStatusChanged`, keyed by the field name for the default resolver. */
export interface ReportStatusEvent {
  remoteWorkReportStatusChanged: RemoteWorkReport;
}

/**
 * `remoteWorkReportStatusChanged(reportId)`. Events travel on the caller's organization channel
 * only, so nobody receives another organization's reports. With a report id the subscription
 * first sends the report's current state, then every later change: it listens before it reads,
 * holds events back until the current state is sent, and drops any event whose revision is not
 * newer than what the client already has, so a late or reconnecting client never misses the
 * final status and never sees statuses out of order. The caller's access is checked again before
 * every event (membership, role, grant, session): once it is gone, the subscription ends and the
 * event is not sent.
 */
@Injectable()
export class ReportStatusFeed {
  constructor(
    @Inject(PUB_SUB) private readonly pubSub: PubSubEngine,
    private readonly access: ReportAccess,
    private readonly query: RemoteWorkReportQueryService,
  ) {}

  async open(
    principal: AuthPrincipal,
    reportId?: string,
  ): Promise<AsyncIterableIterator<ReportStatusEvent>> {
    const { organizationId } = await this.access.forRead(principal);
    // Per report: the revision sent, and the rows processed sent with it (progress events
    // share the revision of PROCESSING and are sent while their figure grows).
    const sent = new Map<string, { revision: number; rows: number }>();
    // Closed only after the subscription below exists (the queue is handed out after it).
    const events = new AsyncEventQueue<ReportStatusEvent>(() => {
      this.pubSub.unsubscribe(subscriptionId);
    });
    const deliver = (report: RemoteWorkReport) => {
      const last = sent.get(report.id) ?? { revision: -1, rows: -1 };
      const rows = report.rowsProcessed ?? -1;
      if (
        report.revision > last.revision ||
        (report.revision === last.revision && rows > last.rows)
      ) {
        sent.set(report.id, { revision: report.revision, rows });
        events.push({ remoteWorkReportStatusChanged: report });
      }
    };
    const held: RemoteWorkReport[] = [];
    let holding = reportId !== undefined;
    // Events are checked one after another, so they reach the client in the order they came.
    let checked = Promise.resolve();
    const recheckThenDeliver = (report: RemoteWorkReport) => {
      checked = checked.then(async () => {
        try {
          await this.access.forRead(principal);
        } catch {
          await events.return();
          return;
        }
        if (holding) {
          held.push(report);
        } else {
          deliver(report);
        }
      });
    };
    // Resolves once Redis confirmed the subscription: nothing published after this is missed.
    const subscriptionId = await this.pubSub.subscribe(
      reportStatusChannel(organizationId),
      (message: ReportStatusMessage) => {
        const report = reviveRemoteWorkReport(message.report);
        if (reportId !== undefined && report.id !== reportId) {
          return;
        }
        recheckThenDeliver(report);
      },
      {},
    );
    if (reportId !== undefined) {
      try {
        deliver(await this.query.findInOrganization(organizationId, reportId));
      } catch (error) {
        await events.return();
        throw error;
      }
      holding = false;
      held.forEach(deliver);
    }
    return events;
  }
}
