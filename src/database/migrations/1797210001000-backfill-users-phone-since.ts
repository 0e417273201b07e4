import { MigrationInterface, QueryRunner } from 'typeorm';

// No account has ever changed its phone (there is no such operation yet), so every account has
// held its phone since it was created.
export class BackfillUsersPhoneSince1797210001000 implements MigrationInterface {
  name = 'BackfillUsersPhoneSince1797210001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE users SET phone_since = created_at WHERE phone_since IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE users SET phone_since = NULL');
  }
}
