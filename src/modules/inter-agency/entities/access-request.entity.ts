import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AccessRequestStatus, Environment, ExchangeRole } from '../inter-agency.enums';

/** A system's request to consume or provide a kind of data in its environment. */
@Entity('inter_agency_access_requests')
@Index('uq_iaar_live', ['dataKindId', 'systemId', 'role', 'live'], { unique: true })
@Index('ix_iaar_org', ['organizationId', 'createdAt'])
@Index('ix_iaar_owner_org', ['ownerOrganizationId', 'createdAt'])
@Index('ix_iaar_system', ['systemId', 'status'])
@Index('ix_iaar_status', ['status', 'environment', 'createdAt'])
export class AccessRequestEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  dataKindId!: string;

  /** The requesting system. */
  @Column({ type: 'char', length: 36 })
  systemId!: string;

  /** The requesting system's organization. */
  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  /** The organization owning the kind of data (it decides in PROD). */
  @Column({ type: 'char', length: 36 })
  ownerOrganizationId!: string;

  @Column({ type: 'varchar', length: 10 })
  role!: ExchangeRole;

  @Column({ type: 'varchar', length: 4 })
  environment!: Environment;

  @Column({ type: 'varchar', length: 10 })
  status!: AccessRequestStatus;

  /** 1 while PENDING or GRANTED, else null: the unique key then refuses a duplicate live request. */
  @Column({ type: 'tinyint', nullable: true })
  live!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'char', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'char', length: 36, nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;
}
