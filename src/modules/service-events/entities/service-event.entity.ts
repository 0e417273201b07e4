import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event a city system pushed about a subject. (source, externalId) identifies it: a repeat
 * with other content is a new revision of the same row, fanned out again.
 */
@Entity('service_events')
export class ServiceEventEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  source!: string;

  @Column({ type: 'varchar', length: 200 })
  externalId!: string;

  /** The API client that pushed the latest revision. */
  @Column({ type: 'char', length: 36, nullable: true })
  clientId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ type: 'varchar', length: 32 })
  subjectKind!: string;

  /** Normalised the way the profile stores the identifier. */
  @Column({ type: 'varchar', length: 500 })
  subjectValue!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  body!: string | null;

  /** Roubles; decimal comes back from the driver as a string. */
  @Column({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  amount!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  status!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  /** JSON text of the event's extra data. */
  @Column({ type: 'longtext', nullable: true })
  data!: string | null;

  /** SHA-256 of the normalised content: an unchanged repeat is a duplicate. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  /** The revision whose fan-out finished; behind `revision` while one is due. */
  @Column({ type: 'int', nullable: true })
  fannedOutRevision!: number | null;

  /** The last revision that changed the subject: its fan-out retracts the old people's notices. */
  @Column({ type: 'int', nullable: true })
  subjectChangedRevision!: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
