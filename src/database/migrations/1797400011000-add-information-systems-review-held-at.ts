import { MigrationInterface, QueryRunner } from 'typeorm';

// A TEST registration the automatic check would not activate (its mnemonic has held traffic, or
// traffic under another organization) waits for an operator: `review_held_at` says since when,
// and puts it in the operator's queue next to the PROD registrations.
export class AddInformationSystemsReviewHeldAt1797400011000 implements MigrationInterface {
  name = 'AddInformationSystemsReviewHeldAt1797400011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE information_systems ADD COLUMN review_held_at datetime(3) NULL AFTER decided_by_user_id',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE information_systems DROP COLUMN review_held_at');
  }
}
