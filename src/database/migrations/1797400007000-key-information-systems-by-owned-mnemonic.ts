import { MigrationInterface, QueryRunner } from 'typeorm';

// Only an ACTIVE system holds its mnemonic for the environment; a live (PENDING or ACTIVE)
// registration stays unique per organization, so one organization does not file twice while
// several organizations may claim a mnemonic for the operator to decide.
export class KeyInformationSystemsByOwnedMnemonic1797400007000 implements MigrationInterface {
  name = 'KeyInformationSystemsByOwnedMnemonic1797400007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE information_systems
         ADD UNIQUE KEY uq_information_systems_env_owned (environment, owned_mnemonic),
         ADD UNIQUE KEY uq_information_systems_env_org_mnemonic (environment, live_mnemonic, organization_id),
         DROP INDEX uq_information_systems_env_mnemonic`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while two organizations hold live registrations of one mnemonic: decide them first.
    await queryRunner.query(
      `ALTER TABLE information_systems
         ADD UNIQUE KEY uq_information_systems_env_mnemonic (environment, live_mnemonic),
         DROP INDEX uq_information_systems_env_org_mnemonic,
         DROP INDEX uq_information_systems_env_owned`,
    );
  }
}
