import { MigrationInterface, QueryRunner } from 'typeorm';

// Organizations' webhook subscriptions. The signing secret is needed in clear to sign each
// delivery, so it is stored encrypted (AES-256-GCM, key derived from JWT_SECRET), never hashed.
// Deleting a webhook only stamps deleted_at: its delivery log stays until the retention ends.
export class CreateWebhooks1795452101000 implements MigrationInterface {
  name = 'CreateWebhooks1795452101000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhooks (
        id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        url varchar(2048) NOT NULL,
        events json NOT NULL,
        secret_encrypted varchar(255) NOT NULL,
        created_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        deleted_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY ix_webhooks_org_deleted_created (organization_id, deleted_at, created_at),
        KEY ix_webhooks_created_by (created_by_user_id),
        CONSTRAINT fk_webhooks_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT fk_webhooks_created_by FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE SET NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhooks');
  }
}
