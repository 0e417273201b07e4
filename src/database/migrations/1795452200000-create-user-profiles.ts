import { MigrationInterface, QueryRunner } from 'typeorm';

// The profile fields beside the account (one row per user, created on first update).
export class CreateUserProfiles1795452200000 implements MigrationInterface {
  name = 'CreateUserProfiles1795452200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_profiles (
        user_id char(36) NOT NULL,
        address varchar(500) NULL,
        driver_license varchar(20) NULL,
        payer_code char(10) NULL,
        electricity_account varchar(20) NULL,
        oms_policy char(16) NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (user_id),
        CONSTRAINT fk_user_profiles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE user_profiles');
  }
}
