import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DocumentKind, VerificationStatus } from '../document.enums';

/**
 * One submission of a SNILS or a passport and its registry check. Rows are history: the
 * verified document in force has `inForce` (kept while a newer one is checked, and during a
 * re-check after a name change, so the access level holds meanwhile).
 */
@Entity('identity_documents')
export class IdentityDocumentEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DocumentKind;

  /** Passport series (4 digits); null for SNILS. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  series!: string | null;

  /** SNILS as `123-456-789 64`, or the passport number (6 digits). */
  @Column({ type: 'varchar', length: 20 })
  number!: string;

  /** `YYYY-MM-DD`, passport only. */
  @Column({ type: 'date', nullable: true })
  issuedAt!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  issuedBy!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: VerificationStatus;

  @Column({ type: 'boolean', default: false })
  inForce!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  submittedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  /** A PENDING check unanswered by then becomes EXPIRED. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  checkExpiresAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
