import { MigrationInterface, QueryRunner } from 'typeorm';

// A mnemonic is owned once its system is ACTIVE: `owned_mnemonic` is set on activation and is
// unique per environment. A PENDING registration no longer holds the mnemonic for everyone, so a
// squat cannot block the real owner from registering it.
export class AddInformationSystemsOwnedMnemonic1797400005000 implements MigrationInterface {
  name = 'AddInformationSystemsOwnedMnemonic1797400005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE information_systems ADD COLUMN owned_mnemonic varchar(50) NULL AFTER live_mnemonic',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE information_systems DROP COLUMN owned_mnemonic');
  }
}
