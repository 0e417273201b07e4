import { MigrationInterface, QueryRunner } from 'typeorm';

// Accounts of people: names, phone (E.164, unique), e-mail (lowercased, unique), hashed password and security answer.
export class CreateUsers1795451700000 implements MigrationInterface {
  name = 'CreateUsers1795451700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`users\` (
        \`id\` char(36) NOT NULL,
        \`last_name\` varchar(100) NOT NULL,
        \`first_name\` varchar(100) NOT NULL,
        \`middle_name\` varchar(100) NULL,
        \`phone\` varchar(16) NOT NULL,
        \`email\` varchar(254) NULL,
        \`password_hash\` varchar(255) NOT NULL,
        \`security_question\` varchar(255) NOT NULL,
        \`security_answer_hash\` varchar(255) NOT NULL,
        \`birth_date\` date NULL,
        \`created_at\` datetime(3) NOT NULL,
        \`updated_at\` datetime(3) NOT NULL,
        UNIQUE INDEX \`UQ_users_phone\` (\`phone\`),
        UNIQUE INDEX \`UQ_users_email\` (\`email\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `users`');
  }
}
