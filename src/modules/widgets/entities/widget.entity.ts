import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A widget on a dashboard; the owner is the account, or a child for a student session. */
@Entity('widgets')
export class WidgetEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The account (the parent's for a child's widget). */
  @Column({ type: 'char', length: 36 })
  userId!: string;

  /** The child of a student session's dashboard; null for the account's own. */
  @Column({ type: 'char', length: 36, nullable: true })
  childId!: string | null;

  /** The account id, or the child id. */
  @Column({ type: 'char', length: 36 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  /** 0..n-1 among the owner's widgets, no gaps. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  /** JSON text of the validated settings. */
  @Column({ type: 'longtext' })
  settings!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
