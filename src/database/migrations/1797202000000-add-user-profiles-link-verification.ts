import { MigrationInterface, QueryRunner } from 'typeorm';

const LINKS = ['driver_license', 'payer_code', 'electricity_account', 'oms_policy'] as const;

// The driver licence, payer code, electricity account and OMS policy are each a link with its
// own registry check (and the proof a check needs: the licence's issue date, the check code
// printed on the bill). Personal matching is an equality on (value, verification) paged by
// user_id, so each plain index is replaced by that key.
export class AddUserProfilesLinkVerification1797202000000 implements MigrationInterface {
  name = 'AddUserProfilesLinkVerification1797202000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const parts = LINKS.flatMap((link) => [
      `ADD COLUMN ${link}_verification varchar(16) NOT NULL DEFAULT 'UNVERIFIED'`,
      `ADD COLUMN ${link}_linked_at datetime(3) NULL`,
      `ADD COLUMN ${link}_verified_at datetime(3) NULL`,
      `DROP KEY ix_user_profiles_${link}`,
      `ADD KEY ix_user_profiles_${link}_verification (${link}, ${link}_verification, user_id)`,
    ]);
    parts.push(
      'ADD COLUMN driver_license_issued_at date NULL',
      'ADD COLUMN payer_code_check varchar(16) NULL',
      'ADD COLUMN electricity_account_check varchar(16) NULL',
    );
    await queryRunner.query(`ALTER TABLE user_profiles ${parts.join(', ')}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const parts = LINKS.flatMap((link) => [
      `DROP KEY ix_user_profiles_${link}_verification`,
      `ADD KEY ix_user_profiles_${link} (${link})`,
      `DROP COLUMN ${link}_verified_at`,
      `DROP COLUMN ${link}_linked_at`,
      `DROP COLUMN ${link}_verification`,
    ]);
    parts.push(
      'DROP COLUMN driver_license_issued_at',
      'DROP COLUMN payer_code_check',
      'DROP COLUMN electricity_account_check',
    );
    await queryRunner.query(`ALTER TABLE user_profiles ${parts.join(', ')}`);
  }
}
