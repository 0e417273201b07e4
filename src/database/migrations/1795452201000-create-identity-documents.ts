import { MigrationInterface, QueryRunner } from 'typeorm';

// SNILS and passport submissions with their registry checks. Every submission is a row (history);
// the verified one in force has in_force = 1 (it stays while a newer one is checked, and during a
// re-check after a name change). verified_snils makes one SNILS in force for one account only:
// MariaDB has no partial indexes, so a generated column NULL for every other row carries the key.
export class CreateIdentityDocuments1795452201000 implements MigrationInterface {
  name = 'CreateIdentityDocuments1795452201000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE identity_documents (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        kind varchar(16) NOT NULL,
        series varchar(10) NULL,
        number varchar(20) NOT NULL,
        issued_at date NULL,
        issued_by varchar(300) NULL,
        status varchar(16) NOT NULL,
        in_force tinyint(1) NOT NULL DEFAULT 0,
        submitted_at datetime(3) NOT NULL,
        verified_at datetime(3) NULL,
        rejection_reason varchar(500) NULL,
        check_expires_at datetime(3) NULL,
        updated_at datetime(3) NOT NULL,
        verified_snils varchar(20) AS (IF(kind = 'SNILS' AND in_force = 1, number, NULL)) PERSISTENT,
        PRIMARY KEY (id),
        UNIQUE KEY uq_identity_documents_verified_snils (verified_snils),
        KEY ix_identity_documents_user_kind (user_id, kind, submitted_at),
        KEY ix_identity_documents_status_expiry (status, check_expires_at),
        CONSTRAINT fk_identity_documents_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE identity_documents');
  }
}
