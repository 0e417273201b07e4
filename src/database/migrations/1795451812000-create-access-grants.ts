import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccessGrants1795451812000 implements MigrationInterface {
  name = 'CreateAccessGrants1795451812000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_grants (
        id char(36) NOT NULL,
        membership_id char(36) NOT NULL,
        system varchar(40) NOT NULL,
        granted_at datetime(3) NOT NULL,
        expires_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_access_grants_membership_system (membership_id, system),
        CONSTRAINT fk_access_grants_membership FOREIGN KEY (membership_id) REFERENCES memberships (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_grants');
  }
}
