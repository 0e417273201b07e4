import { MigrationInterface, QueryRunner } from 'typeorm';

// Deadline reminders sent: one row per organization, reporting week and day (the Thursday and
// the Friday before the deadline). The row is claimed before the reminder goes out, so however
// often the periodic task runs, an organization is reminded at most once a day for a week.
export class CreateRemoteWorkReportReminders1797500000000 implements MigrationInterface {
  name = 'CreateRemoteWorkReportReminders1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE remote_work_report_reminders (
        organization_id char(36) NOT NULL,
        reporting_week date NOT NULL,
        reminder_date date NOT NULL,
        recipients int unsigned NOT NULL DEFAULT 0,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (organization_id, reporting_week, reminder_date),
        CONSTRAINT fk_rwr_reminder_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE remote_work_report_reminders');
  }
}
