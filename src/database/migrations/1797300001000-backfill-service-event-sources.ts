import { MigrationInterface, QueryRunner } from 'typeorm';

// Clients that already wrote events keep the sources they wrote: without this, every existing
// integrator would be refused on its next call until an operator listed its sources.
export class BackfillServiceEventSources1797300001000 implements MigrationInterface {
  name = 'BackfillServiceEventSources1797300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT IGNORE INTO service_event_sources (client_id, source, created_at)
      SELECT DISTINCT client_id, source, NOW(3) FROM service_events WHERE client_id IS NOT NULL`);
  }

  async down(): Promise<void> {
    // The rows stay meaningful grants; the table itself goes with the previous migration.
  }
}
