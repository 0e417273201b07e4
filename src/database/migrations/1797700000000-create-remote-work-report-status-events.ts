import { MigrationInterface, QueryRunner } from 'typeorm';

// The outbox of report status changes: one row written in the same transaction as each status
// change, drained by a worker (webhook deliveries), then deleted. Oldest first by (occurred_at,
// id); the index serves the drain.
export class CreateRemoteWorkReportStatusEvents1797700000000 implements MigrationInterface {
  name = 'CreateRemoteWorkReportStatusEvents1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remote_work_report_status_events (
        id char(36) NOT NULL,
        report_id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        reporting_week date NOT NULL,
        status varchar(32) NOT NULL,
        occurred_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_rwr_status_events_occurred (occurred_at, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remote_work_report_status_events');
  }
}
