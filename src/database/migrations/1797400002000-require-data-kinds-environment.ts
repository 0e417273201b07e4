import { MigrationInterface, QueryRunner } from 'typeorm';

// Every kind has an environment once the backfill ran.
export class RequireDataKindsEnvironment1797400002000 implements MigrationInterface {
  name = 'RequireDataKindsEnvironment1797400002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE data_kinds MODIFY COLUMN environment varchar(4) NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE data_kinds MODIFY COLUMN environment varchar(4) NULL');
  }
}
