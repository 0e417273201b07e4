import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Environment, MessageStatus } from '../inter-agency.enums';

/**
 * One status event of a message. The primary key (environment, message_id, at, status) makes recording
 * idempotent (INSERT IGNORE) and keeps a message's timeline together in time order.
 */
@Entity('inter_agency_message_events')
export class InterAgencyMessageEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 4, charset: 'ascii', collation: 'ascii_bin' })
  environment!: Environment;

  @PrimaryColumn({ type: 'varchar', length: 100, charset: 'ascii', collation: 'ascii_bin' })
  messageId!: string;

  @PrimaryColumn({ type: 'datetime', precision: 3 })
  at!: Date;

  @PrimaryColumn({ type: 'varchar', length: 10, charset: 'ascii', collation: 'ascii_bin' })
  status!: MessageStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  receivedAt!: Date;
}
