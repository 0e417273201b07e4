import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reporting week whose deadline the operator moved. */
@Entity('report_deadline_extensions')
export class ReportDeadlineExtensionEntity {
  /** The deadline Monday naming the week, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date', utc: true })
  week!: string;

  @Column({ type: 'datetime', precision: 3 })
  deadline!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
