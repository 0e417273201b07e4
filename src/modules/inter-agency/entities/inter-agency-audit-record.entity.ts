import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Facts about the change (ids, names), never personal data. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** One append-only record of a change made in the inter-agency portal. */
@Entity('inter_agency_audit_log')
@Index('ix_inter_agency_audit_org', ['organizationId', 'createdAt'])
@Index('ix_inter_agency_audit_actor', ['actorUserId', 'createdAt'])
export class InterAgencyAuditRecordEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The organization acted for (null for platform operators' decisions). */
  @Column({ type: 'char', length: 36, nullable: true })
  organizationId!: string | null;

  /** Null when the platform acted on its own (automatic TEST checks). */
  @Column({ type: 'char', length: 36, nullable: true })
  actorUserId!: string | null;

  /** The actor acted as a developer representative of the organization. */
  @Column({ type: 'boolean', default: false })
  asRepresentative!: boolean;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 40 })
  targetType!: string;

  @Column({ type: 'varchar', length: 100 })
  targetId!: string;

  @Column({ type: 'json', nullable: true })
  details!: AuditDetails | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
