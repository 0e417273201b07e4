import { MigrationInterface, QueryRunner } from 'typeorm';

// A person's delivery settings: quiet hours for SMS / e-mail copies (minutes after midnight,
// Moscow time). No row: the deployment's default window.
export class CreateNotificationSettings1797300004000 implements MigrationInterface {
  name = 'CreateNotificationSettings1797300004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification_settings (
        user_id char(36) NOT NULL,
        quiet_hours_enabled tinyint NOT NULL,
        quiet_from_minute smallint NOT NULL,
        quiet_to_minute smallint NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (user_id),
        CONSTRAINT fk_notification_settings_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification_settings');
  }
}
