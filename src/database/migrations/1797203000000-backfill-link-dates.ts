import { MigrationInterface, QueryRunner } from 'typeorm';

// Links made before verification existed keep the date they were entered; they all start
// UNVERIFIED (nothing proved them), so none of them reaches personal events until checked.
export class BackfillLinkDates1797203000000 implements MigrationInterface {
  name = 'BackfillLinkDates1797203000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE vehicles SET linked_at = created_at');
    await queryRunner.query('UPDATE children SET linked_at = created_at');
    for (const link of ['driver_license', 'payer_code', 'electricity_account', 'oms_policy']) {
      await queryRunner.query(
        `UPDATE user_profiles SET ${link}_linked_at = updated_at WHERE ${link} IS NOT NULL`,
      );
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: the columns go with the previous migrations' down.
  }
}
