import { MigrationInterface, QueryRunner } from 'typeorm';

// Deadlines moved by the operator (`report-deadline:extend`): at most one per reporting week.
export class CreateReportDeadlineExtensions1795451902000 implements MigrationInterface {
  name = 'CreateReportDeadlineExtensions1795451902000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_deadline_extensions (
        week date NOT NULL,
        deadline datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (week)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE report_deadline_extensions');
  }
}
