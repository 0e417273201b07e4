import { MigrationInterface, QueryRunner } from 'typeorm';

// The rotation chain of each session's refresh tokens (SHA-256 only).
export class CreateRefreshTokens1795451704000 implements MigrationInterface {
  name = 'CreateRefreshTokens1795451704000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`refresh_tokens\` (
        \`id\` char(36) NOT NULL,
        \`session_id\` char(36) NOT NULL,
        \`token_hash\` char(64) NOT NULL,
        \`created_at\` datetime(3) NOT NULL,
        \`used_at\` datetime(3) NULL,
        INDEX \`IDX_refresh_tokens_session_id\` (\`session_id\`),
        UNIQUE INDEX \`UQ_refresh_tokens_token_hash\` (\`token_hash\`),
        PRIMARY KEY (\`id\`),
        CONSTRAINT \`FK_refresh_tokens_session\` FOREIGN KEY (\`session_id\`)
          REFERENCES \`sessions\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `refresh_tokens`');
  }
}
