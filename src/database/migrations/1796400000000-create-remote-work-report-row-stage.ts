import { MigrationInterface, QueryRunner } from 'typeorm';

// Rows of a report being parsed, written batch by batch in short transactions of their own and
// keyed by the try (the report's `attempts` when the try started), so concurrent or crashed
// tries never mix. The report's rows become visible in one final transaction that copies its
// try's stage into remote_work_report_rows; nothing is read from here by anyone else.
export class CreateRemoteWorkReportRowStage1796400000000 implements MigrationInterface {
  name = 'CreateRemoteWorkReportRowStage1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remote_work_report_row_stage (
        report_id char(36) NOT NULL,
        attempt int unsigned NOT NULL,
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
        PRIMARY KEY (report_id, attempt, excel_row),
        CONSTRAINT fk_rwr_row_stage_report FOREIGN KEY (report_id) REFERENCES remote_work_reports (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remote_work_report_row_stage');
  }
}
