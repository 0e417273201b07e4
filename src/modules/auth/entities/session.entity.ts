import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../identity';

/** Why a session ended. */
export enum SessionEndReason {
  Logout = 'LOGOUT',
  Revoked = 'REVOKED',
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
  PasswordChanged = 'PASSWORD_CHANGED',
  PasswordReset = 'PASSWORD_RESET',
}

/**
 * A signed-in device. Its id is the `sid` of every access token issued for it, so ending the
 * session ends those tokens at once. Organization and acting child set the context later issues
 * (organizations, student login) give a session.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Index('IDX_sessions_user_id')
  @Column({ type: 'char', length: 36 })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_sessions_user' })
  user?: UserEntity;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  lastUsedAt!: Date;

  /** Moves forward on every refresh (REFRESH_TOKEN_TTL_DAYS of inactivity end a session). */
  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokeReason!: SessionEndReason | null;

  @Column({ type: 'char', length: 36, nullable: true })
  organizationId!: string | null;

  @Column({ type: 'char', length: 36, nullable: true })
  actingChildId!: string | null;

  /** Opened by a developer representative of `organizationId` (tokens carry `rep`). */
  @Column({ type: 'boolean', default: false })
  developerRepresentative!: boolean;
}
