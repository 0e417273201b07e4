import { MigrationInterface, QueryRunner } from 'typeorm';

// A kind of data belongs to one environment of the exchange (its owner system's): access
// requests must come from a system of the same environment. Nullable until the backfill ran.
export class AddDataKindsEnvironment1797400000000 implements MigrationInterface {
  name = 'AddDataKindsEnvironment1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE data_kinds ADD COLUMN environment varchar(4) NULL AFTER owner_organization_id',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE data_kinds DROP COLUMN environment');
  }
}
