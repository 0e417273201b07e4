import { MigrationInterface, QueryRunner } from 'typeorm';

// The last revision that changed an event's subject: the fan-out of a revision past the last
// finished one retracts the notifications the old subject's people got.
export class AddServiceEventsSubjectChangedRevision1797300002000 implements MigrationInterface {
  name = 'AddServiceEventsSubjectChangedRevision1797300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `service_events` ADD `subject_changed_revision` int NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `service_events` DROP COLUMN `subject_changed_revision`');
  }
}
