import { MigrationInterface, QueryRunner } from 'typeorm';

// Accounts' identities at the OpenID Connect provider (Gosuslugi-style federated sign-in). The
// provider's (issuer, sub) names one account; an account has at most one identity per provider.
// issuer and subject compare byte for byte (utf8mb4_bin): `sub` is case-sensitive.
export class CreateFederatedIdentities1795452300000 implements MigrationInterface {
  name = 'CreateFederatedIdentities1795452300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE federated_identities (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        issuer varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        subject varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        trusted_at datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        last_login_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_federated_identities_issuer_subject (issuer, subject),
        UNIQUE KEY uq_federated_identities_user_issuer (user_id, issuer),
        CONSTRAINT fk_federated_identities_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE federated_identities');
  }
}
