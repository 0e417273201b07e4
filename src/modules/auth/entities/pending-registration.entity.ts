import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What `register` was given, kept (hashed where secret) until the phone is confirmed. */
export interface PendingRegistrationPayload {
  lastName: string;
  firstName: string;
  middleName: string | null;
  email: string | null;
  passwordHash: string;
  securityQuestion: string;
  securityAnswerHash: string;
}

/** A registration waiting for its SMS code; deleted on confirmation or when it expires. */
@Entity('pending_registrations')
export class PendingRegistrationEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** E.164. */
  @Index('IDX_pending_registrations_phone')
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  @Column({ type: 'json' })
  payload!: PendingRegistrationPayload;

  /** HMAC-SHA256 (hex) of the code, bound to this registration. */
  @Column({ type: 'char', length: 64 })
  codeHash!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Index('IDX_pending_registrations_expires_at')
  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
