import { MigrationInterface, QueryRunner } from 'typeorm';

// The notification outbox: set in the same statement that creates a notification whose owner
// chose SMS or e-mail copies, cleared once the copies are queued in messaging. A row left set
// (the worker died between the insert and the enqueue) is queued again by the copy sweeper.
// Existing notifications had their copies handled already (NULL).
export class AddNotificationsCopiesDueAt1797030000000 implements MigrationInterface {
  name = 'AddNotificationsCopiesDueAt1797030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `notifications` ADD `copies_due_at` datetime(3) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `notifications` DROP COLUMN `copies_due_at`');
  }
}
