import { MigrationInterface, QueryRunner } from 'typeorm';

// A namespace URI belongs to one organization: the first whose kind under it was approved
// (published on an operator-approved PROD system), or the one an operator assigned it to. Only
// the owner registers kinds and versions under it, and only its kinds count for messages.
export class CreateInterAgencyNamespaces1797400003000 implements MigrationInterface {
  name = 'CreateInterAgencyNamespaces1797400003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_namespaces (
        namespace_uri varchar(400) NOT NULL,
        organization_id char(36) NOT NULL,
        claimed_by varchar(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        data_kind_id char(36) NULL,
        assigned_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (namespace_uri),
        KEY ix_ian_org (organization_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_namespaces');
  }
}
