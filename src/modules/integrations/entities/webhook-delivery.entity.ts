import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { WebhookEvent } from '../graphql/webhook-event.enum';
import type { WebhookDeliveryStatus } from '../webhooks/webhook-delivery-status';

/** The `data` of an event: flat values (ids, dates, statuses). */
export type WebhookEventData = Record<string, string | number | boolean | null>;

/** The body of a delivery, signed as `JSON.stringify(payload)` at every attempt. */
export interface WebhookPayload {
  event: WebhookEvent;
  deliveryId: string;
  occurredAt: string;
  data: WebhookEventData;
}

/** One event sent (or being sent) to one webhook, with the outcome of its attempts. */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_webhook_created', ['webhookId', 'createdAt', 'id'])
@Index('ix_webhook_deliveries_status_created', ['status', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  webhookId!: string;

  @Column({ type: 'varchar', length: 60 })
  event!: WebhookEvent;

  @Column({ type: 'json' })
  payload!: WebhookPayload;

  @Column({ type: 'varchar', length: 20 })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ type: 'smallint', unsigned: true, nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Index('ix_webhook_deliveries_created')
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;
}
