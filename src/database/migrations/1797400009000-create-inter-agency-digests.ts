import { MigrationInterface, QueryRunner } from 'typeorm';

// One row per organization and day whose digest went out: the primary key makes the digest
// job idempotent (a second run, or a second instance, finds the day taken and sends nothing).
export class CreateInterAgencyDigests1797400009000 implements MigrationInterface {
  name = 'CreateInterAgencyDigests1797400009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_digests (
        organization_id char(36) NOT NULL,
        day date NOT NULL,
        notices int unsigned NOT NULL,
        sent_at datetime(3) NOT NULL,
        PRIMARY KEY (organization_id, day)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_digests');
  }
}
