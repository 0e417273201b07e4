import { MigrationInterface, QueryRunner } from 'typeorm';

// The journal of remote-work reports: one row per accepted upload, its file, processing status
// and outcome. created_at equals submitted_at (the receipt), so (created_at, id) is the order in
// which reports were received: it pages the journal and decides which report supersedes which.
export class CreateRemoteWorkReports1795451900000 implements MigrationInterface {
  name = 'CreateRemoteWorkReports1795451900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remote_work_reports (
        id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        reporting_week date NOT NULL,
        status varchar(20) NOT NULL,
        revision int unsigned NOT NULL DEFAULT 0,
        submitted_at datetime(3) NOT NULL,
        processed_at datetime(3) NULL,
        file_name varchar(255) NOT NULL,
        file_size int unsigned NOT NULL,
        sha256 char(64) NOT NULL,
        original_key varchar(255) NOT NULL,
        result_key varchar(255) NULL,
        total_employees int unsigned NULL,
        remote_employees int unsigned NULL,
        rows_total int unsigned NULL,
        rows_accepted int unsigned NULL,
        rows_rejected int unsigned NULL,
        sheet_issues json NULL,
        error_code varchar(40) NULL,
        attempts smallint unsigned NOT NULL DEFAULT 0,
        submitted_by_user_id char(36) NULL,
        api_client_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_rwr_org_week_sha256 (organization_id, reporting_week, sha256),
        KEY ix_rwr_org_created (organization_id, created_at, id),
        KEY ix_rwr_org_week_created (organization_id, reporting_week, created_at, id),
        KEY ix_rwr_status_updated (status, updated_at),
        KEY ix_rwr_submitted_by (submitted_by_user_id),
        CONSTRAINT fk_rwr_organization FOREIGN KEY (organization_id) REFERENCES organizations (id),
        CONSTRAINT fk_rwr_submitted_by FOREIGN KEY (submitted_by_user_id) REFERENCES users (id) ON DELETE SET NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remote_work_reports');
  }
}
