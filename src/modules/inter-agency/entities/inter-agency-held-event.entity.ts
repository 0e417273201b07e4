import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Environment, MessageStatus } from '../inter-agency.enums';

/**
 * A message event held aside: its consumer or provider mnemonic names no ACTIVE system yet, so
 * it is credited to nobody until that system is ACTIVE.
 */
@Entity('inter_agency_held_events')
export class InterAgencyHeldEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'varchar', length: 4, charset: 'ascii', collation: 'ascii_bin' })
  environment!: Environment;

  @Column({ type: 'varchar', length: 100, charset: 'ascii', collation: 'ascii_bin' })
  messageId!: string;

  @Column({ type: 'varchar', length: 400 })
  dataKindNamespaceUri!: string;

  @Column({ type: 'varchar', length: 50 })
  consumerMnemonic!: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  providerMnemonic!: string | null;

  @Column({ type: 'varchar', length: 10, charset: 'ascii', collation: 'ascii_bin' })
  status!: MessageStatus;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  receivedAt!: Date;
}
