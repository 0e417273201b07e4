import { MigrationInterface, QueryRunner } from 'typeorm';

// The local registry of identifiers (REGISTRY_DRIVER=table): one row per (kind, identifier)
// with the proof the outside registries would check (a СТС, a bill's check code, a parent's
// SNILS, a licence's issue date) and the holder's name and birth date where the check needs them.
export class CreateLinkRegistry1797204000000 implements MigrationInterface {
  name = 'CreateLinkRegistry1797204000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE link_registry (
        kind varchar(24) NOT NULL,
        identifier varchar(32) NOT NULL,
        proof varchar(32) NULL,
        last_name varchar(100) NULL,
        first_name varchar(100) NULL,
        middle_name varchar(100) NULL,
        birth_date date NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (kind, identifier)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_registry');
  }
}
