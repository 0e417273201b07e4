import { MigrationInterface, QueryRunner } from 'typeorm';

// Developer representatives appointed by organizations. active is 1 while in force (null once
// revoked): one active appointment per person and appointing organization, history kept.
export class CreateDeveloperRepresentatives1795452334000 implements MigrationInterface {
  name = 'CreateDeveloperRepresentatives1795452334000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE developer_representatives (
        id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        developer_organization_id char(36) NOT NULL,
        active tinyint NULL,
        appointed_by_user_id char(36) NOT NULL,
        created_at datetime(3) NOT NULL,
        revoked_at datetime(3) NULL,
        revoked_by_user_id char(36) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_developer_representatives_active (organization_id, user_id, active),
        KEY ix_developer_representatives_user (user_id, active),
        CONSTRAINT fk_developer_representatives_org FOREIGN KEY (organization_id) REFERENCES organizations (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE developer_representatives');
  }
}
