import { MigrationInterface, QueryRunner } from 'typeorm';

// A plate reaches its fines only once the traffic police registry confirmed it with the
// registration certificate (СТС). Matching of personal events is an equality on (plate,
// verification) paged by user_id, so the secondary key replaces the plate-only one.
export class AddVehiclesLinkVerification1797200000000 implements MigrationInterface {
  name = 'AddVehiclesLinkVerification1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE vehicles
        ADD COLUMN verification varchar(16) NOT NULL DEFAULT 'UNVERIFIED',
        ADD COLUMN linked_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        ADD COLUMN verified_at datetime(3) NULL,
        DROP KEY ix_vehicles_plate,
        ADD KEY ix_vehicles_plate_verification (plate, verification, user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE vehicles
        DROP KEY ix_vehicles_plate_verification,
        ADD KEY ix_vehicles_plate (plate),
        DROP COLUMN verified_at,
        DROP COLUMN linked_at,
        DROP COLUMN verification`);
  }
}
