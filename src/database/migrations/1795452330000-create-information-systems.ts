import { MigrationInterface, QueryRunner } from 'typeorm';

// Information systems of the inter-agency exchange. live_mnemonic holds the mnemonic while the
// registration is PENDING or ACTIVE (null once REJECTED), so the unique key keeps mnemonics
// unique per environment without a rejected registration blocking its mnemonic forever.
export class CreateInformationSystems1795452330000 implements MigrationInterface {
  name = 'CreateInformationSystems1795452330000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE information_systems (
        id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        mnemonic varchar(50) NOT NULL,
        live_mnemonic varchar(50) NULL,
        name varchar(255) NOT NULL,
        environment varchar(4) NOT NULL,
        status varchar(10) NOT NULL,
        decision_reason varchar(500) NULL,
        decided_at datetime(3) NULL,
        decided_by_user_id char(36) NULL,
        created_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_information_systems_env_mnemonic (environment, live_mnemonic),
        KEY ix_information_systems_org (organization_id, environment, created_at),
        KEY ix_information_systems_status (status, environment, created_at),
        CONSTRAINT fk_information_systems_org FOREIGN KEY (organization_id) REFERENCES organizations (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE information_systems');
  }
}
