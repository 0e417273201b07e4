import { MigrationInterface, QueryRunner } from 'typeorm';

// Registrations waiting for their SMS code (payload holds hashes, never a plain password).
export class CreatePendingRegistrations1795451701000 implements MigrationInterface {
  name = 'CreatePendingRegistrations1795451701000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`pending_registrations\` (
        \`id\` char(36) NOT NULL,
        \`phone\` varchar(16) NOT NULL,
        \`payload\` json NOT NULL,
        \`code_hash\` char(64) NOT NULL,
        \`attempts\` int NOT NULL,
        \`expires_at\` datetime(3) NOT NULL,
        \`created_at\` datetime(3) NOT NULL,
        INDEX \`IDX_pending_registrations_phone\` (\`phone\`),
        INDEX \`IDX_pending_registrations_expires_at\` (\`expires_at\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `pending_registrations`');
  }
}
