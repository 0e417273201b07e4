import { MigrationInterface, QueryRunner } from 'typeorm';

// Events pushed by city systems about a subject (plate, payer code, SNILS...). (source,
// external_id) is the idempotency key, compared exactly (binary collation: other systems' ids
// are case-sensitive, and so is the service's duplicate check); content_hash tells a changed
// repeat from an unchanged one, and revision / fanned_out_revision say whether the latest
// version has been matched and fanned out. The subject index serves the dashboard widgets
// (latest events of the user's identifiers).
export class CreateServiceEvents1795452320000 implements MigrationInterface {
  name = 'CreateServiceEvents1795452320000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_events (
        id char(36) NOT NULL,
        source varchar(100) COLLATE utf8mb4_bin NOT NULL,
        external_id varchar(200) COLLATE utf8mb4_bin NOT NULL,
        client_id char(36) NULL,
        category varchar(32) NOT NULL,
        subject_kind varchar(32) NOT NULL,
        subject_value varchar(500) NOT NULL,
        title varchar(300) NOT NULL,
        body varchar(2000) NULL,
        amount decimal(14,2) NULL,
        status varchar(50) NULL,
        occurred_at datetime(3) NOT NULL,
        due_at datetime(3) NULL,
        data longtext NULL,
        content_hash char(64) NOT NULL,
        revision int NOT NULL DEFAULT 1,
        fanned_out_revision int NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_service_events_source_external (source, external_id),
        KEY ix_service_events_subject (subject_kind, subject_value, category, occurred_at),
        KEY ix_service_events_pending (fanned_out_revision, updated_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE service_events');
  }
}
