import { MigrationInterface, QueryRunner } from 'typeorm';

// A person's inbox. uq_notifications_event_user makes one notification per (event, user) even
// when a fan-out job runs twice; notices without an event (document status) have event_id NULL,
// which the unique key lets repeat. The two user keys serve the inbox pages (all / unread only,
// newest first) and the unread count.
export class CreateNotifications1795452322000 implements MigrationInterface {
  name = 'CreateNotifications1795452322000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        event_id char(36) NULL,
        category varchar(32) NOT NULL,
        title varchar(300) NOT NULL,
        body varchar(2000) NULL,
        created_at datetime(3) NOT NULL,
        read_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_notifications_event_user (event_id, user_id),
        KEY ix_notifications_user_created (user_id, created_at, id),
        KEY ix_notifications_user_unread (user_id, read_at, created_at, id),
        CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_notifications_event FOREIGN KEY (event_id) REFERENCES service_events (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notifications');
  }
}
