import { MigrationInterface, QueryRunner } from 'typeorm';

// The person registry of REGISTRY_DRIVER=table, filled by `registry:import`.
export class CreatePersonRegistry1795452205000 implements MigrationInterface {
  name = 'CreatePersonRegistry1795452205000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_registry (
        id char(36) NOT NULL,
        snils varchar(14) NULL,
        passport_series char(4) NULL,
        passport_number char(6) NULL,
        last_name varchar(100) NOT NULL,
        first_name varchar(100) NOT NULL,
        middle_name varchar(100) NULL,
        birth_date date NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_person_registry_snils (snils),
        UNIQUE KEY uq_person_registry_passport (passport_series, passport_number)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person_registry');
  }
}
