import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An account of a person. The profile module adds its own tables keyed by `users.id`. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  middleName!: string | null;

  /** E.164. */
  @Index('UQ_users_phone', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  /**
   * When the phone became this account's (registration, a phone change). Personal events about
   * the number that occurred earlier were the previous holder's and never reach this account.
   */
  @Column({ type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' })
  phoneSince!: Date;

  /** Lowercased. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /**
   * When `email` was proven by a code sent to it; null while unconfirmed. Only a confirmed
   * address is a login or a recovery channel.
   */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  emailConfirmedAt!: Date | null;

  /** argon2id. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  /**
   * Whether the holder knows the password: false for accounts a federated sign-in created (their
   * hash is of a random secret) until a password is set through recovery.
   */
  @Column({ type: 'boolean', default: true })
  hasPassword!: boolean;

  @Column({ type: 'varchar', length: 255 })
  securityQuestion!: string;

  /** argon2id of the normalised answer (case and spaces ignored). */
  @Column({ type: 'varchar', length: 255 })
  securityAnswerHash!: string;

  /** `YYYY-MM-DD`. */
  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
