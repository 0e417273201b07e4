import { MigrationInterface, QueryRunner } from 'typeorm';

// The ACTIVE systems own their mnemonics (the old key kept live mnemonics unique, so there is at
// most one per environment).
export class BackfillInformationSystemsOwnedMnemonic1797400006000 implements MigrationInterface {
  name = 'BackfillInformationSystemsOwnedMnemonic1797400006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE information_systems SET owned_mnemonic = mnemonic WHERE status = 'ACTIVE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE information_systems SET owned_mnemonic = NULL');
  }
}
