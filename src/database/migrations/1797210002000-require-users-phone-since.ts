import { MigrationInterface, QueryRunner } from 'typeorm';

// Every account holds its phone from some moment on. The app sets it wherever an account is made
// (or, should that come, its phone changes); the default covers the bench scripts' raw inserts,
// which stamp created_at with NOW(3) too.
export class RequireUsersPhoneSince1797210002000 implements MigrationInterface {
  name = 'RequireUsersPhoneSince1797210002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `users` MODIFY `phone_since` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` MODIFY `phone_since` datetime(3) NULL');
  }
}
