import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person's service request; `sourceId` is its subject (e.g. an identity document). */
@Entity('applications')
export class ApplicationEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 40 })
  status!: string;

  @Column({ type: 'char', length: 36, nullable: true })
  sourceId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
