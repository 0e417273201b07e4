import { Environment, MESSAGE_STATUS_RANK, MessageStatus } from '../inter-agency.enums';

/** An event after its references were resolved to ids. */
export interface ResolvedEvent {
  messageId: string;
  dataKindId: string;
  consumerSystemId: string;
  consumerOrganizationId: string;
  providerSystemId: string | null;
  providerOrganizationId: string | null;
  environment: Environment;
  status: MessageStatus;
  at: Date;
  detail: string | null;
}

/** What one batch says about one message: the summary row to upsert. */
export interface MessageSummary {
  messageId: string;
  dataKindId: string;
  consumerSystemId: string;
  consumerOrganizationId: string;
  providerSystemId: string | null;
  providerOrganizationId: string | null;
  environment: Environment;
  status: MessageStatus;
  statusRank: number;
  statusAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Whether event a is later than b: by time, then by status rank (ties never depend on order). */
export function isLater(
  a: { at: Date; status: MessageStatus },
  b: { at: Date; status: MessageStatus },
): boolean {
  const dt = a.at.getTime() - b.at.getTime();
  return dt > 0 || (dt === 0 && MESSAGE_STATUS_RANK[a.status] > MESSAGE_STATUS_RANK[b.status]);
}

/** Truncates to milliseconds, the precision events are stored (and deduplicated) with. */
export function toMillis(date: Date): Date {
  return new Date(Math.floor(date.getTime()));
}

/** A message's identity: (environment, message id). */
export interface MessageRef {
  environment: Environment;
  messageId: string;
}

/** A map key of a message's identity. */
export function messageKey(ref: MessageRef): string {
  return `${ref.environment}\u0000${ref.messageId}`;
}

/** The key that makes an event idempotent: (environment, messageId, at, status). */
export function eventKey(ref: MessageRef & { at: Date; status: MessageStatus }): string {
  return `${messageKey(ref)}\u0000${ref.at.getTime()}\u0000${ref.status}`;
}

/**
 * Folds a batch's events (any order) into one summary per message: the latest status by time,
 * the earliest and latest times; identity from the first event, the provider from any event
 * that names one. The same fold is applied again in SQL against the stored row (guarded upsert),
 * so the result never depends on how events were split into batches or in which order they came.
 */
export function summarize(events: readonly ResolvedEvent[]): MessageSummary[] {
  const byMessage = new Map<string, MessageSummary>();
  for (const e of events) {
    const current = byMessage.get(messageKey(e));
    if (!current) {
      byMessage.set(messageKey(e), {
        messageId: e.messageId,
        dataKindId: e.dataKindId,
        consumerSystemId: e.consumerSystemId,
        consumerOrganizationId: e.consumerOrganizationId,
        providerSystemId: e.providerSystemId,
        providerOrganizationId: e.providerOrganizationId,
        environment: e.environment,
        status: e.status,
        statusRank: MESSAGE_STATUS_RANK[e.status],
        statusAt: e.at,
        createdAt: e.at,
        updatedAt: e.at,
      });
      continue;
    }
    if (isLater(e, { at: current.statusAt, status: current.status })) {
      current.status = e.status;
      current.statusRank = MESSAGE_STATUS_RANK[e.status];
      current.statusAt = e.at;
    }
    if (e.at < current.createdAt) {
      current.createdAt = e.at;
    }
    if (e.at > current.updatedAt) {
      current.updatedAt = e.at;
    }
    if (!current.providerSystemId && e.providerSystemId) {
      current.providerSystemId = e.providerSystemId;
      current.providerOrganizationId = e.providerOrganizationId;
    }
  }
  // Rows locked in one order by every batch: concurrent batches do not deadlock on each other.
  return [...byMessage.values()].sort((a, b) => {
    const x = messageKey(a);
    const y = messageKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
