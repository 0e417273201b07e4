import { MigrationInterface, QueryRunner } from 'typeorm';

// The retention job deletes the oldest events first, in batches, by occurred_at.
export class IndexServiceEventsOccurredAt1797300003000 implements MigrationInterface {
  name = 'IndexServiceEventsOccurredAt1797300003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `ix_service_events_occurred` ON `service_events` (`occurred_at`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_service_events_occurred` ON `service_events`');
  }
}
