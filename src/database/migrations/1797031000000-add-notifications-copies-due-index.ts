import { MigrationInterface, QueryRunner } from 'typeorm';

// The copy sweeper reads the oldest notifications with copies still due; NULLs (almost every
// row) sit apart at the start of the index.
export class AddNotificationsCopiesDueIndex1797031000000 implements MigrationInterface {
  name = 'AddNotificationsCopiesDueIndex1797031000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `ix_notifications_copies_due` ON `notifications` (`copies_due_at`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_notifications_copies_due` ON `notifications`');
  }
}
