import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Environment } from '../inter-agency.enums';

/** Whether a notice went out at once or waits for the recipient's daily digest. */
export enum NoticeDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DIGEST = 'DIGEST',
}

/** A decision or withdrawal notice of an access request, to one organization's managers. */
@Entity('inter_agency_notices')
@Index('ix_ian_pair', ['requesterOrganizationId', 'ownerOrganizationId', 'delivery', 'createdAt'])
@Index('ix_ian_digest', ['delivery', 'digestedAt', 'digestDay', 'recipientOrganizationId'])
export class InterAgencyNoticeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ type: 'char', length: 36 })
  recipientOrganizationId!: string;

  @Column({ type: 'char', length: 36 })
  requesterOrganizationId!: string;

  @Column({ type: 'char', length: 36 })
  ownerOrganizationId!: string;

  @Column({ type: 'char', length: 36 })
  accessRequestId!: string;

  @Column({ type: 'varchar', length: 4 })
  environment!: Environment;

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  /** The e-mail text (bounded, requester free text escaped); SMS never carries it. */
  @Column({ type: 'varchar', length: 2000 })
  text!: string;

  @Column({ type: 'varchar', length: 10 })
  delivery!: NoticeDelivery;

  /** The Moscow date whose digest carries it (DIGEST only), `YYYY-MM-DD`. */
  @Column({ type: 'date', nullable: true })
  digestDay!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  digestedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
