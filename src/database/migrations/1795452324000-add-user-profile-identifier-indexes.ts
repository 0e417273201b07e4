import { MigrationInterface, QueryRunner } from 'typeorm';

// Service events are matched to people by the identifiers of user_profiles (stored normalised
// by the profile module): each needs an index, or every event would scan the table. The
// secondary keys end in the primary key (user_id), so a fan-out pages matches by user_id in
// index order.
export class AddUserProfileIdentifierIndexes1795452324000 implements MigrationInterface {
  name = 'AddUserProfileIdentifierIndexes1795452324000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE user_profiles
        ADD KEY ix_user_profiles_address (address),
        ADD KEY ix_user_profiles_driver_license (driver_license),
        ADD KEY ix_user_profiles_payer_code (payer_code),
        ADD KEY ix_user_profiles_electricity_account (electricity_account),
        ADD KEY ix_user_profiles_oms_policy (oms_policy)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE user_profiles
        DROP KEY ix_user_profiles_address,
        DROP KEY ix_user_profiles_driver_license,
        DROP KEY ix_user_profiles_payer_code,
        DROP KEY ix_user_profiles_electricity_account,
        DROP KEY ix_user_profiles_oms_policy`);
  }
}
