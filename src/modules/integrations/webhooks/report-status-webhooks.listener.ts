import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RemoteWorkReportEvents } from '../../remote-work-reports';
import type { ReportStatusChange } from '../../remote-work-reports';
import { WebhookEvent } from '../graphql/webhook-event.enum';
import { WebhookDispatcher } from './webhook.dispatcher';

/**
 * REMOTE_WORK_REPORT_STATUS_CHANGED: every report status change goes to the organization's
 * webhooks, from the reports' status outbox as a worker drains it (never in the request path).
 */
@Injectable()
export class ReportStatusWebhooks implements OnModuleInit, OnModuleDestroy {
  private unregister?: () => void;

  constructor(
    private readonly events: RemoteWorkReportEvents,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onModuleInit(): void {
    this.unregister = this.events.onReportStatusChanged((change) => this.dispatch(change));
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  private async dispatch(change: ReportStatusChange): Promise<void> {
    await this.dispatcher.dispatch(
      change.organizationId,
      WebhookEvent.REMOTE_WORK_REPORT_STATUS_CHANGED,
      {
        reportId: change.reportId,
        organizationId: change.organizationId,
        reportingWeek: change.reportingWeek,
        status: change.status,
      },
      change.occurredAt,
      change.eventId,
    );
  }
}
