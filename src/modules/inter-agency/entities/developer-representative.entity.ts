import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person appointed by an organization as its developer representative: an employee of a
 * developer organization who works on the appointing organization's TEST environment only.
 */
@Entity('developer_representatives')
@Index('uq_developer_representatives_active', ['organizationId', 'userId', 'active'], {
  unique: true,
})
@Index('ix_developer_representatives_user', ['userId', 'active'])
export class DeveloperRepresentativeEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The appointing organization. */
  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** The organization the person works for (one of their memberships at appointment). */
  @Column({ type: 'char', length: 36 })
  developerOrganizationId!: string;

  /** 1 while in force, null once revoked: one active appointment per person and organization. */
  @Column({ type: 'tinyint', nullable: true })
  active!: number | null;

  @Column({ type: 'char', length: 36 })
  appointedByUserId!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'char', length: 36, nullable: true })
  revokedByUserId!: string | null;
}
