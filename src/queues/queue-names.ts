// Every Bull queue and job name, with its payload type. Payloads carry ids only.
export enum QueueName {
  Messaging = 'messaging',
  Auth = 'auth',
  RemoteWorkReports = 'remote-work-reports',
  WebhookDeliveries = 'webhook-deliveries',
  DocumentChecks = 'document-checks',
  ServiceEvents = 'service-events',
  InterAgency = 'inter-agency',
  DataExports = 'data-exports',
  Periodic = 'periodic',
}

export enum JobName {
  SendSms = 'send-sms',
  SendEmail = 'send-email',
  ProcessRemoteWorkReport = 'process-remote-work-report',
  DeliverWebhook = 'deliver-webhook',
  CheckDocument = 'check-document',
  CheckLink = 'check-link',
  FanOutServiceEvent = 'fan-out-service-event',
  CheckInformationSystem = 'check-information-system',
  CheckAccessRequest = 'check-access-request',
  BuildDataExport = 'build-data-export',
}

/** Payload of {@link JobName.ProcessRemoteWorkReport}; the job id is the report id too. */
export interface ProcessRemoteWorkReportJob {
  reportId: string;
}

/** Payload of {@link JobName.DeliverWebhook}; the job id is the delivery id too. */
export interface DeliverWebhookJob {
  deliveryId: string;
}

/** Payload of {@link JobName.CheckDocument}; the job id is the identity document id too. */
export interface CheckDocumentJob {
  documentId: string;
}

/**
 * Payload of {@link JobName.CheckLink} (queue `document-checks`): the link's kind and its row id
 * (a vehicle, a child, or the account for the profile's single-valued identifiers); the job id
 * is `link:<kind>:<id>`.
 */
export interface CheckLinkJob {
  kind: string;
  id: string;
}

/** Payload of {@link JobName.FanOutServiceEvent}; the job id is `<eventId>:<revision>`. */
export interface FanOutServiceEventJob {
  eventId: string;
  revision: number;
}

/** Payload of {@link JobName.CheckInformationSystem}; the job id is `system:<systemId>`. */
export interface CheckInformationSystemJob {
  systemId: string;
}

/** Payload of {@link JobName.CheckAccessRequest}; the job id is `request:<accessRequestId>`. */
export interface CheckAccessRequestJob {
  accessRequestId: string;
}

/** Payload of {@link JobName.BuildDataExport}; the job id is the export id too. */
export interface BuildDataExportJob {
  exportId: string;
}
