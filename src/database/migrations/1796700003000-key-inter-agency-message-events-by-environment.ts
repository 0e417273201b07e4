import { MigrationInterface, QueryRunner } from 'typeorm';

// The idempotency key of an event becomes (environment, message_id, at, status): a TEST event
// whose id collides with a PROD message's never joins that message's timeline.
export class KeyInterAgencyMessageEventsByEnvironment1796700003000 implements MigrationInterface {
  name = 'KeyInterAgencyMessageEventsByEnvironment1796700003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inter_agency_message_events
        DROP PRIMARY KEY,
        ADD PRIMARY KEY (environment, message_id, at, status),
        ALTER COLUMN environment DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inter_agency_message_events
        DROP PRIMARY KEY,
        ADD PRIMARY KEY (message_id, at, status),
        ALTER COLUMN environment SET DEFAULT 'PROD'`);
  }
}
