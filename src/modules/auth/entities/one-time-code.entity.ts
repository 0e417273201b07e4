import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../identity';

/** What a one-time code is for. Registration codes live on their pending registration. */
export enum OneTimeCodePurpose {
  Login = 'LOGIN',
  Reset = 'RESET',
  /** Sent to a new e-mail address; `destination` is that address. */
  EmailChange = 'EMAIL_CHANGE',
  /** Sent to an existing account's phone to prove it before a provider identity is linked. */
  AccountLink = 'ACCOUNT_LINK',
}

/** A code sent by SMS or e-mail: 6 digits, stored hashed, a few minutes and 5 attempts. */
@Entity('one_time_codes')
@Index('IDX_one_time_codes_user_purpose', ['userId', 'purpose', 'createdAt'])
export class OneTimeCodeEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  purpose!: OneTimeCodePurpose;

  /** Where it was sent: an E.164 phone or an e-mail. */
  @Column({ type: 'varchar', length: 254 })
  destination!: string;

  @Column({ type: 'char', length: 36, nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_one_time_codes_user' })
  user?: UserEntity;

  /** HMAC-SHA256 (hex) of the code, bound to purpose and account. */
  @Column({ type: 'char', length: 64 })
  codeHash!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
