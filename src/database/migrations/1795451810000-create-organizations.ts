import { MigrationInterface, QueryRunner } from 'typeorm';

// Organizations (legal entities and sole proprietors), their members and employees' access grants.
export class CreateOrganizations1795451810000 implements MigrationInterface {
  name = 'CreateOrganizations1795451810000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id char(36) NOT NULL,
        type varchar(20) NOT NULL,
        inn varchar(12) NOT NULL,
        ogrn varchar(15) NOT NULL,
        kpp varchar(9) NULL,
        full_name varchar(500) NOT NULL,
        short_name varchar(255) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_organizations_inn (inn),
        UNIQUE KEY uq_organizations_ogrn (ogrn)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organizations');
  }
}
