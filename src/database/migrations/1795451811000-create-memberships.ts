import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMemberships1795451811000 implements MigrationInterface {
  name = 'CreateMemberships1795451811000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE memberships (
        id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        role varchar(20) NOT NULL,
        personnel_number varchar(50) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_memberships_org_user (organization_id, user_id),
        UNIQUE KEY uq_memberships_org_personnel (organization_id, personnel_number),
        KEY ix_memberships_user (user_id),
        CONSTRAINT fk_memberships_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE memberships');
  }
}
