import { MigrationInterface, QueryRunner } from 'typeorm';

// A message is identified by (environment, message id): its events carry the environment too.
// Filled for existing rows by the next migration; the key moves to it in the one after.
export class AddEnvironmentToInterAgencyMessageEvents1796700001000 implements MigrationInterface {
  name = 'AddEnvironmentToInterAgencyMessageEvents1796700001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inter_agency_message_events
        ADD COLUMN environment varchar(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
          DEFAULT 'PROD' FIRST`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE inter_agency_message_events DROP COLUMN environment');
  }
}
