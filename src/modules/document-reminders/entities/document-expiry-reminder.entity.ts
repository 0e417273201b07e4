import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One reminder of a document's end (60, 30 or 7 days before): the key makes each one once,
 * `notifiedAt` stays null until the notice is stored, so a notice lost between the claim and
 * the send goes out on the next run.
 */
@Entity('document_expiry_reminders')
export class DocumentExpiryReminderEntity {
  /** PASSPORT or DRIVER_LICENSE (`ReminderDocumentKind`). */
  @PrimaryColumn({ type: 'varchar', length: 24 })
  documentKind!: string;

  /** The passport's document id; for a driver licence, its holder's account id (one per profile). */
  @PrimaryColumn({ type: 'char', length: 36 })
  documentId!: string;

  /** `YYYY-MM-DD`: the end it reminds of (a new end, e.g. after a birth-date fix, reminds anew). */
  @PrimaryColumn({ type: 'date' })
  validUntil!: string;

  @PrimaryColumn({ type: 'smallint' })
  daysBefore!: number;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** The age that ends the document (a passport: 20 or 45); null for a printed expiry. */
  @Column({ type: 'smallint', nullable: true })
  age!: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  notifiedAt!: Date | null;
}
