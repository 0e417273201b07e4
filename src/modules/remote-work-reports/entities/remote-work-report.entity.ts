import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReportIssue } from '../parsing/report-issue.model';
import { ReportStatus } from '../remote-work-report.enums';

/** One uploaded remote-work report: its file, processing status and outcome. */
@Entity('remote_work_reports')
@Index('uq_rwr_org_week_sha256', ['organizationId', 'reportingWeek', 'sha256'], { unique: true })
@Index('ix_rwr_org_created', ['organizationId', 'createdAt', 'id'])
@Index('ix_rwr_org_week_created', ['organizationId', 'reportingWeek', 'createdAt', 'id'])
@Index('ix_rwr_status_updated', ['status', 'updatedAt'])
@Index('ix_rwr_status_org', ['status', 'organizationId'])
@Index('ix_rwr_submitted_by', ['submittedByUserId'])
export class RemoteWorkReportEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'char', length: 36 })
  organizationId!: string;

  /** The deadline Monday naming the week, `YYYY-MM-DD`. */
  @Column({ type: 'date', utc: true })
  reportingWeek!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ReportStatus;

  /** Incremented on every status change; subscribers drop events older than what they sent. */
  @Column({ type: 'int', unsigned: true, default: 0 })
  revision!: number;

  /** The receipt: when the upload was stored. It alone decides "on time". */
  @Column({ type: 'datetime', precision: 3 })
  submittedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ type: 'int', unsigned: true })
  fileSize!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 255 })
  originalKey!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  resultKey!: string | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  totalEmployees!: number | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  remoteEmployees!: number | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  rowsTotal!: number | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  rowsAccepted!: number | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  rowsRejected!: number | null;

  // File-level and employer-sheet issues: a handful per report (sheet 1 has seven cells), always
  // shown with the report and never queried one by one, so they live on the row as JSON.
  @Column({ type: 'json', nullable: true })
  sheetIssues!: ReportIssue[] | null;

  /** Why a report was REJECTED (first error code) or FAILED (`PROCESSING_FAILED`). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts!: number;

  @Column({ type: 'char', length: 36, nullable: true })
  submittedByUserId!: string | null;

  @Column({ type: 'char', length: 36, nullable: true })
  apiClientId!: string | null;

  /** Equal to submittedAt: (createdAt, id) orders reports by receipt. */
  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
