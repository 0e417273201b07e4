import { MigrationInterface, QueryRunner } from 'typeorm';

// Reminders of documents' ends (a passport at 20 and 45): one row per document, end and
// threshold (60, 30, 7 days), so each notice goes once however often the task runs. Rows go
// with the account.
export class CreateDocumentExpiryReminders1797600001000 implements MigrationInterface {
  name = 'CreateDocumentExpiryReminders1797600001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE document_expiry_reminders (
        document_id char(36) NOT NULL,
        valid_until date NOT NULL,
        days_before smallint NOT NULL,
        user_id char(36) NOT NULL,
        age smallint NULL,
        created_at datetime(3) NOT NULL,
        notified_at datetime(3) NULL,
        PRIMARY KEY (document_id, valid_until, days_before),
        KEY ix_document_expiry_reminders_unsent (notified_at),
        CONSTRAINT fk_document_expiry_reminders_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE document_expiry_reminders');
  }
}
