import { MigrationInterface, QueryRunner } from 'typeorm';

// Whether the account has a password its holder knows. Accounts created by a federated sign-in
// get the hash of a random secret instead (0) until a password is set through recovery.
export class AddUsersHasPassword1796200001000 implements MigrationInterface {
  name = 'AddUsersHasPassword1796200001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `has_password` tinyint(1) NOT NULL DEFAULT 1');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `has_password`');
  }
}
