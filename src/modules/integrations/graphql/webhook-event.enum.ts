import { registerEnumType } from '@nestjs/graphql';

/** Events a webhook can subscribe to. */
export enum WebhookEvent {
  REMOTE_WORK_REPORT_STATUS_CHANGED = 'REMOTE_WORK_REPORT_STATUS_CHANGED',
}

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'An event a webhook can subscribe to.',
  valuesMap: {
    REMOTE_WORK_REPORT_STATUS_CHANGED: {
      description:
        'A remote-work report of the organization changed status; `data` is `{ reportId, organizationId, reportingWeek, status }`.',
    },
  },
});
