import { MigrationInterface, QueryRunner } from 'typeorm';

// A person's choice per notification category: one row while subscribed, with the channels
// (IN_APP always among them). (category, user_id) drives the fan-out join.
export class CreateNotificationSubscriptions1795452321000 implements MigrationInterface {
  name = 'CreateNotificationSubscriptions1795452321000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification_subscriptions (
        user_id char(36) NOT NULL,
        category varchar(32) NOT NULL,
        channels varchar(40) NOT NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (user_id, category),
        KEY ix_notification_subscriptions_category (category, user_id),
        CONSTRAINT fk_notification_subscriptions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification_subscriptions');
  }
}
