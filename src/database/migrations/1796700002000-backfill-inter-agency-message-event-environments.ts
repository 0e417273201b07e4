import { MigrationInterface, QueryRunner } from 'typeorm';

// Existing events take the environment of their message (message ids were unique across
// environments until now, so each event has exactly one).
export class BackfillInterAgencyMessageEventEnvironments1796700002000 implements MigrationInterface {
  name = 'BackfillInterAgencyMessageEventEnvironments1796700002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE inter_agency_message_events e
        JOIN inter_agency_messages m ON m.message_id = e.message_id
      SET e.environment = m.environment`);
  }

  async down(): Promise<void> {
    // The column is dropped by the previous migration's down; nothing to undo here.
  }
}
