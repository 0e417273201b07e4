import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MemberRole, MembershipStatus } from '../organization.enums';

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

  /** Rows written without it (fixtures, e-signature sign-in) are ACTIVE by the column default. */
  @Column({ type: 'varchar', length: 20, default: MembershipStatus.ACTIVE })
  status!: MembershipStatus;

  /** What the inviting organization typed, masked (`+7 *** ***-45-67`); null when not invited. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  invitedAs!: string | null;

  /** When an unanswered invitation lapses; null once accepted or declined. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  invitationExpiresAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
