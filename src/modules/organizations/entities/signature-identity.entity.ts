import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A qualified certificate's SNILS linked to the account whose holder proved it (or that was
 * created from the certificate): such a certificate signs in to that account directly.
 */
@Entity('signature_identities')
export class SignatureIdentityEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Index('ix_signature_identities_user')
  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** Normalized as on the account (`123-456-789 64`). */
  @Index('uq_signature_identities_snils', { unique: true })
  @Column({ type: 'varchar', length: 14 })
  snils!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  lastLoginAt!: Date;
}
