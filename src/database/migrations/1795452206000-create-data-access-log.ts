import { MigrationInterface, QueryRunner } from 'typeorm';

// Append-only audit of personal data access: who, which fields, why; never the values.
// created_at is the record's time (`at` in the API), so the shared keyset paging applies.
export class CreateDataAccessLog1795452206000 implements MigrationInterface {
  name = 'CreateDataAccessLog1795452206000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_access_log (
        id char(36) NOT NULL,
        subject_user_id char(36) NOT NULL,
        actor_kind varchar(24) NOT NULL,
        actor_id char(36) NULL,
        actor_label varchar(300) NOT NULL,
        action varchar(10) NOT NULL,
        fields json NOT NULL,
        purpose varchar(300) NULL,
        ip varchar(45) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_data_access_log_subject_created (subject_user_id, created_at, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE data_access_log');
  }
}
