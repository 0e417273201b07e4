import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { PlatformRole } from '../platform-role.enum';

@Entity('platform_role_assignments')
@Index('uq_platform_role_user_role', ['userId', 'role'], { unique: true })
export class PlatformRoleAssignmentEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 40 })
  role!: PlatformRole;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
