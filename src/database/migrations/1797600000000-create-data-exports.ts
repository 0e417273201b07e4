import { MigrationInterface, QueryRunner } from 'typeorm';

// Personal-data exports (152-FZ art. 14). The rows go with the account (foreign key); the
// archives in storage are deleted by data-export's account-deletion participant. The index
// serves "the person's latest export" (one request per 24 hours).
export class CreateDataExports1797600000000 implements MigrationInterface {
  name = 'CreateDataExports1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_exports (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        status varchar(16) NOT NULL,
        requested_at datetime(3) NOT NULL,
        ready_at datetime(3) NULL,
        expires_at datetime(3) NULL,
        storage_key varchar(200) NULL,
        size_bytes bigint NULL,
        sha256 char(64) NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_data_exports_user_requested (user_id, requested_at),
        KEY ix_data_exports_status_expires (status, expires_at),
        CONSTRAINT fk_data_exports_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE data_exports');
  }
}
