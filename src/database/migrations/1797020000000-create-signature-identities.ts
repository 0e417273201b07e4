import { MigrationInterface, QueryRunner } from 'typeorm';

// Which account a qualified certificate's SNILS is linked to: written on the first e-signature
// sign-in the account's holder proved (or that created the account), so a SNILS verified on an
// account by a knowledge check alone never signs in with a certificate unchallenged.
export class CreateSignatureIdentities1797020000000 implements MigrationInterface {
  name = 'CreateSignatureIdentities1797020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `signature_identities` (' +
        '`id` char(36) NOT NULL, ' +
        '`user_id` char(36) NOT NULL, ' +
        '`snils` varchar(14) NOT NULL, ' +
        '`created_at` datetime(3) NOT NULL, ' +
        '`last_login_at` datetime(3) NOT NULL, ' +
        'UNIQUE INDEX `uq_signature_identities_snils` (`snils`), ' +
        'INDEX `ix_signature_identities_user` (`user_id`), ' +
        'PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `signature_identities`');
  }
}
