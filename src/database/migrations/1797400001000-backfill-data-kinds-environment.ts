import { MigrationInterface, QueryRunner } from 'typeorm';

// Existing kinds take their owner system's environment (a kind was always published on one
// system). A kind whose owner system is missing counts as PROD: its requests then wait for the
// owner's decision instead of the automatic TEST check. TEST requests for a PROD kind were never
// consented to by its owner: pending ones are rejected, granted ones revoked (`live` cleared).
export class BackfillDataKindsEnvironment1797400001000 implements MigrationInterface {
  name = 'BackfillDataKindsEnvironment1797400001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE data_kinds k
       JOIN information_systems s ON s.id = k.owner_system_id
       SET k.environment = s.environment
       WHERE k.environment IS NULL`,
    );
    await queryRunner.query(`UPDATE data_kinds SET environment = 'PROD' WHERE environment IS NULL`);
    await queryRunner.query(
      `UPDATE inter_agency_access_requests r
       JOIN data_kinds k ON k.id = r.data_kind_id
       SET r.status = CASE r.status WHEN 'GRANTED' THEN 'REVOKED' ELSE 'REJECTED' END,
           r.live = NULL,
           r.reason = 'Вид сведений зарегистрирован в другой среде',
           r.decided_by_user_id = NULL,
           r.decided_at = NOW(3)
       WHERE r.environment <> k.environment AND r.status IN ('PENDING', 'GRANTED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The environment column is dropped by the previous migration's down; the withdrawn
    // requests stay withdrawn (they should never have been granted).
    await queryRunner.query('UPDATE data_kinds SET environment = NULL');
  }
}
