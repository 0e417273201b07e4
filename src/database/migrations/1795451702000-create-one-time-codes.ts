import { MigrationInterface, QueryRunner } from 'typeorm';

// Login and password-reset codes (hashed), deleted with their account.
export class CreateOneTimeCodes1795451702000 implements MigrationInterface {
  name = 'CreateOneTimeCodes1795451702000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`one_time_codes\` (
        \`id\` char(36) NOT NULL,
        \`purpose\` varchar(16) NOT NULL,
        \`destination\` varchar(254) NOT NULL,
        \`user_id\` char(36) NULL,
        \`code_hash\` char(64) NOT NULL,
        \`attempts\` int NOT NULL,
        \`expires_at\` datetime(3) NOT NULL,
        \`used_at\` datetime(3) NULL,
        \`created_at\` datetime(3) NOT NULL,
        INDEX \`IDX_one_time_codes_user_purpose\` (\`user_id\`, \`purpose\`, \`created_at\`),
        PRIMARY KEY (\`id\`),
        CONSTRAINT \`FK_one_time_codes_user\` FOREIGN KEY (\`user_id\`)
          REFERENCES \`users\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `one_time_codes`');
  }
}
