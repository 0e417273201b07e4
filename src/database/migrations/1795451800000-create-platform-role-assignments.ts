import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlatformRoleAssignments1795451800000 implements MigrationInterface {
  name = 'CreatePlatformRoleAssignments1795451800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE platform_role_assignments (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        role varchar(40) NOT NULL,
        created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_platform_role_user_role (user_id, role),
        CONSTRAINT fk_platform_role_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE platform_role_assignments');
  }
}
