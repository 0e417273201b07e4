import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EmployeeRowValues } from '../parsing/remote-work-report.model';
import type { ReportIssue } from '../parsing/report-issue.model';

/** One employee row of a processed report, as accepted (normalised) or rejected (as read). */
@Entity('remote_work_report_rows')
@Index('ix_rwr_rows_issues', ['reportId', 'hasIssues', 'excelRow'])
export class RemoteWorkReportRowEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  reportId!: string;

  /** The Excel row number as the user sees it. */
  @PrimaryColumn({ type: 'int', unsigned: true })
  excelRow!: number;

  @Column({ type: 'boolean' })
  accepted!: boolean;

  @Column({ type: 'varchar', length: 16, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  vehiclePlate!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  troika!: string | null;

  @Column({ type: 'varchar', length: 11, nullable: true })
  strelka!: string | null;

  @Column({ type: 'varchar', length: 19, nullable: true })
  socialCard!: string | null;

  @Column({ type: 'varchar', length: 19, nullable: true })
  travelPass!: string | null;

  @Column({ type: 'json' })
  raw!: EmployeeRowValues;

  @Column({ type: 'json', nullable: true })
  issues!: ReportIssue[] | null;

  @Column({ type: 'boolean' })
  hasIssues!: boolean;
}
