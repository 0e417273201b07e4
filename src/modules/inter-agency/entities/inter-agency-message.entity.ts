import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Environment, MessageStatus } from '../inter-agency.enums';

/**
 * One message of the exchange as the monitor shows it: the latest status by event time, kept up
 * to date by a guarded upsert. Indexes serve the search: each begins with a party organization
 * and the environment and ends with created_at (and the primary key), so a page is one short
 * index range per party and environment, merged (see InterAgencyMessageRepository).
 */
@Entity('inter_agency_messages')
@Index('uq_iam_message', ['environment', 'messageId'], { unique: true })
@Index('ix_iam_consumer', ['consumerOrganizationId', 'environment', 'createdAt'])
@Index('ix_iam_provider', ['providerOrganizationId', 'environment', 'createdAt'])
@Index('ix_iam_consumer_status', ['consumerOrganizationId', 'environment', 'status', 'createdAt'])
@Index('ix_iam_provider_status', ['providerOrganizationId', 'environment', 'status', 'createdAt'])
@Index('ix_iam_consumer_kind', ['consumerOrganizationId', 'environment', 'dataKindId', 'createdAt'])
@Index('ix_iam_provider_kind', ['providerOrganizationId', 'environment', 'dataKindId', 'createdAt'])
export class InterAgencyMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 100, charset: 'ascii', collation: 'ascii_bin' })
  messageId!: string;

  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  dataKindId!: string;

  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  consumerSystemId!: string;

  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin', nullable: true })
  providerSystemId!: string | null;

  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  consumerOrganizationId!: string;

  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin', nullable: true })
  providerOrganizationId!: string | null;

  @Column({ type: 'varchar', length: 4, charset: 'ascii', collation: 'ascii_bin' })
  environment!: Environment;

  @Column({ type: 'varchar', length: 10, charset: 'ascii', collation: 'ascii_bin' })
  status!: MessageStatus;

  /** MESSAGE_STATUS_RANK of `status`: breaks ties between events with the same time. */
  @Column({ type: 'tinyint', unsigned: true })
  statusRank!: number;

  /** Time of the event that gave `status` (the latest by time). */
  @Column({ type: 'datetime', precision: 3 })
  statusAt!: Date;

  /** Time of the earliest event. */
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** Time of the latest event. */
  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
