import { MigrationInterface, QueryRunner } from 'typeorm';

// Employee rows of processed reports, keyed by the Excel row number the user sees. has_issues
// leads the secondary index so a report's first N problem rows are one short index range.
export class CreateRemoteWorkReportRows1795451901000 implements MigrationInterface {
  name = 'CreateRemoteWorkReportRows1795451901000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remote_work_report_rows (
        report_id char(36) NOT NULL,
        excel_row int unsigned NOT NULL,
        accepted tinyint(1) NOT NULL,
        phone varchar(16) NULL,
        vehicle_plate varchar(12) NULL,
        troika varchar(10) NULL,
        strelka varchar(11) NULL,
        social_card varchar(19) NULL,
        travel_pass varchar(19) NULL,
        raw json NOT NULL,
        issues json NULL,
        has_issues tinyint(1) NOT NULL,
        PRIMARY KEY (report_id, excel_row),
        KEY ix_rwr_rows_issues (report_id, has_issues, excel_row),
        CONSTRAINT fk_rwr_rows_report FOREIGN KEY (report_id) REFERENCES remote_work_reports (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remote_work_report_rows');
  }
}
