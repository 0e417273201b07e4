import { MigrationInterface, QueryRunner } from 'typeorm';

// Which account was deleted and when, without personal data.
export class CreateAccountDeletions1795451705000 implements MigrationInterface {
  name = 'CreateAccountDeletions1795451705000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`account_deletions\` (
        \`id\` char(36) NOT NULL,
        \`user_id\` char(36) NOT NULL,
        \`deleted_at\` datetime(3) NOT NULL,
        PRIMARY KEY (\`id\`)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `account_deletions`');
  }
}
