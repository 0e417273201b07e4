import { MigrationInterface, QueryRunner } from 'typeorm';

// Kinds of data («виды сведений»), one row per namespace URI and version.
export class CreateDataKinds1795452331000 implements MigrationInterface {
  name = 'CreateDataKinds1795452331000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_kinds (
        id char(36) NOT NULL,
        owner_system_id char(36) NOT NULL,
        owner_organization_id char(36) NOT NULL,
        name varchar(255) NOT NULL,
        namespace_uri varchar(400) NOT NULL,
        version varchar(50) NOT NULL,
        root_element varchar(255) NOT NULL,
        created_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_data_kinds_namespace_version (namespace_uri, version),
        KEY ix_data_kinds_owner_org (owner_organization_id),
        KEY ix_data_kinds_owner_system (owner_system_id),
        KEY ix_data_kinds_created (created_at, id),
        CONSTRAINT fk_data_kinds_owner_system FOREIGN KEY (owner_system_id) REFERENCES information_systems (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE data_kinds');
  }
}
