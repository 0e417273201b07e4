import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MemberRole } from '../organization.enums';

/** A person's place in an organization. */
@Entity('memberships')
@Index('uq_memberships_org_user', ['organizationId', 'userId'], { unique: true })
@Index('uq_memberships_org_personnel', ['organizationId', 'personnelNumber'], { unique: true })
@Index('ix_memberships_user', ['userId'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: MemberRole;

  @Column({ type: 'varchar', length: 50, nullable: true })
  personnelNumber!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
