import { MigrationInterface, QueryRunner } from 'typeorm';

// OAuth clients of integrators (client credentials grant). Only a SHA-256 of the secret is kept:
// secrets are 256-bit random values, so a fast hash is enough and a slow one would only cost
// CPU on every token request. Platform clients (made by the CLI) have no organization.
export class CreateApiClients1795452100000 implements MigrationInterface {
  name = 'CreateApiClients1795452100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_clients (
        id char(36) NOT NULL,
        organization_id char(36) NULL,
        name varchar(100) NOT NULL,
        client_id varchar(64) NOT NULL,
        secret_hash char(64) NOT NULL,
        scopes json NOT NULL,
        created_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        last_used_at datetime(3) NULL,
        revoked_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_api_clients_client_id (client_id),
        KEY ix_api_clients_org_created (organization_id, created_at),
        KEY ix_api_clients_created_by (created_by_user_id),
        CONSTRAINT fk_api_clients_organization FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT fk_api_clients_created_by FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE SET NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_clients');
  }
}
