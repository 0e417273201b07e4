import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One notification of a person: one per (event, user), or a document-status notice. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** The service event; null for document-status notices. */
  @Column({ type: 'char', length: 36, nullable: true })
  eventId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  body!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  readAt!: Date | null;

  /**
   * The outbox mark: set with the row when SMS / e-mail copies are due, cleared once they are
   * queued in messaging; the copy sweeper queues rows left set. Null for in-app-only notices.
   */
  @Column({ type: 'datetime', precision: 3, nullable: true, default: null })
  copiesDueAt!: Date | null;
}
