import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OrgSystem } from '../organization.enums';

/** An employee's access to one system, until `expiresAt` (checked at every request). */
@Entity('access_grants')
@Index('uq_access_grants_membership_system', ['membershipId', 'system'], { unique: true })
export class AccessGrantEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  membershipId!: string;

  @Column({ type: 'varchar', length: 40 })
  system!: OrgSystem;

  @Column({ type: 'datetime', precision: 3 })
  grantedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;
}
