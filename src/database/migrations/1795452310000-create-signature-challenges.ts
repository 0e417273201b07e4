import { MigrationInterface, QueryRunner } from 'typeorm';

// Nonces of qualified e-signature sign-in: single use, short-lived, purged once expired.
export class CreateSignatureChallenges1795452310000 implements MigrationInterface {
  name = 'CreateSignatureChallenges1795452310000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE signature_challenges (
        id char(36) NOT NULL,
        nonce varchar(64) NOT NULL,
        created_at datetime(3) NOT NULL,
        expires_at datetime(3) NOT NULL,
        used_at datetime(3) NULL,
        PRIMARY KEY (id),
        KEY ix_signature_challenges_expires_at (expires_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE signature_challenges');
  }
}
