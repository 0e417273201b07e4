import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DataExportStatus } from '../data-export.enums';

/** One «what do you hold about me» export of a person and its archive in storage. */
@Entity('data_exports')
export class DataExportEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DataExportStatus;

  @Column({ type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  readyAt!: Date | null;

  /** The download time ends (READY only); then the file is deleted. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  /** `data-exports/<userId>/<id>.zip` once stored. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  storageKey!: string | null;

  @Column({ type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
