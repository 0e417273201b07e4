import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A special queue («специальная очередь») of an information system. */
@Entity('special_queues')
@Index('uq_special_queues_system_name', ['systemId', 'name'], { unique: true })
export class SpecialQueueEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  systemId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'char', length: 36, nullable: true })
  createdByUserId!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
