import { MigrationInterface, QueryRunner } from 'typeorm';

// Driver licences join passports in document reminders: the reminder row names the kind of
// document (a licence's `document_id` is its holder's account id, the profile keeps one licence),
// and the kind is part of the key. Licences due soon are found by their issue date.
export class AddDocumentExpiryReminderKind1797610000000 implements MigrationInterface {
  name = 'AddDocumentExpiryReminderKind1797610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE document_expiry_reminders
        ADD document_kind varchar(24) NOT NULL DEFAULT 'PASSPORT' FIRST,
        DROP PRIMARY KEY,
        ADD PRIMARY KEY (document_kind, document_id, valid_until, days_before)`);
    await queryRunner.query(`
      ALTER TABLE user_profiles
        ADD KEY ix_user_profiles_driver_license_issued_at (driver_license_issued_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE user_profiles DROP KEY ix_user_profiles_driver_license_issued_at`);
    await queryRunner.query(
      "DELETE FROM document_expiry_reminders WHERE document_kind <> 'PASSPORT'",
    );
    await queryRunner.query(`
      ALTER TABLE document_expiry_reminders
        DROP PRIMARY KEY,
        ADD PRIMARY KEY (document_id, valid_until, days_before),
        DROP COLUMN document_kind`);
  }
}
