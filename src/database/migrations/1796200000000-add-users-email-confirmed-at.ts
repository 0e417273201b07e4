import { MigrationInterface, QueryRunner } from 'typeorm';

// When the account's e-mail was proven by a code sent to it. Only a confirmed address is a
// login or a recovery channel. Existing addresses were never proven (registration and
// updateProfile took them on trust), so they start unconfirmed (NULL).
export class AddUsersEmailConfirmedAt1796200000000 implements MigrationInterface {
  name = 'AddUsersEmailConfirmedAt1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `email_confirmed_at` datetime(3) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `email_confirmed_at`');
  }
}
