import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { WebhookEvent } from '../graphql/webhook-event.enum';

/** An organization's subscription to events, delivered by signed POSTs to `url`. */
@Entity('webhooks')
@Index('ix_webhooks_org_deleted_created', ['organizationId', 'deletedAt', 'createdAt'])
export class WebhookEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'json' })
  events!: WebhookEvent[];

  /** The signing secret, sealed by WebhookSecretCipher (AES-256-GCM). */
  @Column({ type: 'varchar', length: 255 })
  secretEncrypted!: string;

  @Index('ix_webhooks_created_by')
  @Column({ type: 'char', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
