import { MigrationInterface, QueryRunner } from 'typeorm';

// Signed-in devices; the id is the `sid` claim of their access tokens.
export class CreateSessions1795451703000 implements MigrationInterface {
  name = 'CreateSessions1795451703000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`sessions\` (
        \`id\` char(36) NOT NULL,
        \`user_id\` char(36) NOT NULL,
        \`created_at\` datetime(3) NOT NULL,
        \`last_used_at\` datetime(3) NOT NULL,
        \`expires_at\` datetime(3) NOT NULL,
        \`user_agent\` varchar(512) NULL,
        \`ip\` varchar(45) NULL,
        \`revoked_at\` datetime(3) NULL,
        \`revoke_reason\` varchar(32) NULL,
        \`organization_id\` char(36) NULL,
        \`acting_child_id\` char(36) NULL,
        INDEX \`IDX_sessions_user_id\` (\`user_id\`),
        PRIMARY KEY (\`id\`),
        CONSTRAINT \`FK_sessions_user\` FOREIGN KEY (\`user_id\`)
          REFERENCES \`users\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `sessions`');
  }
}
