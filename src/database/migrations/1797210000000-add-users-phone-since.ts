import { MigrationInterface, QueryRunner } from 'typeorm';

// When the phone became the account's. A phone number is handed to a new subscriber once the
// previous one gives it up: personal events about the number that occurred before this account
// held it belong to the previous holder. Filled by the next migration, then required.
export class AddUsersPhoneSince1797210000000 implements MigrationInterface {
  name = 'AddUsersPhoneSince1797210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `phone_since` datetime(3) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `phone_since`');
  }
}
