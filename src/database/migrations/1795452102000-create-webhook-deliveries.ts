import { MigrationInterface, QueryRunner } from 'typeorm';

// One row per event sent to one webhook: the outbox its queue job works from, and the log
// `webhookDeliveries` shows. payload is the whole body, so every attempt signs the same bytes.
export class CreateWebhookDeliveries1795452102000 implements MigrationInterface {
  name = 'CreateWebhookDeliveries1795452102000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id char(36) NOT NULL,
        webhook_id char(36) NOT NULL,
        event varchar(60) NOT NULL,
        payload json NOT NULL,
        status varchar(20) NOT NULL,
        attempts smallint unsigned NOT NULL DEFAULT 0,
        response_status smallint unsigned NULL,
        last_error varchar(500) NULL,
        created_at datetime(3) NOT NULL,
        last_attempt_at datetime(3) NULL,
        delivered_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY ix_webhook_deliveries_webhook_created (webhook_id, created_at, id),
        KEY ix_webhook_deliveries_status_created (status, created_at),
        KEY ix_webhook_deliveries_created (created_at),
        CONSTRAINT fk_webhook_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
  }
}
