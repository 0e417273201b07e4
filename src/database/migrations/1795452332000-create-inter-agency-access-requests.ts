import { MigrationInterface, QueryRunner } from 'typeorm';

// Access requests to kinds of data. live is 1 while PENDING or GRANTED (null otherwise), so the
// unique key refuses a second live request for the same kind, system and role.
export class CreateInterAgencyAccessRequests1795452332000 implements MigrationInterface {
  name = 'CreateInterAgencyAccessRequests1795452332000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_access_requests (
        id char(36) NOT NULL,
        data_kind_id char(36) NOT NULL,
        system_id char(36) NOT NULL,
        organization_id char(36) NOT NULL,
        owner_organization_id char(36) NOT NULL,
        role varchar(10) NOT NULL,
        environment varchar(4) NOT NULL,
        status varchar(10) NOT NULL,
        live tinyint NULL,
        reason varchar(500) NULL,
        created_by_user_id char(36) NULL,
        decided_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        decided_at datetime(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_iaar_live (data_kind_id, system_id, role, live),
        KEY ix_iaar_org (organization_id, created_at),
        KEY ix_iaar_owner_org (owner_organization_id, created_at),
        KEY ix_iaar_system (system_id, status),
        KEY ix_iaar_status (status, environment, created_at),
        CONSTRAINT fk_iaar_data_kind FOREIGN KEY (data_kind_id) REFERENCES data_kinds (id),
        CONSTRAINT fk_iaar_system FOREIGN KEY (system_id) REFERENCES information_systems (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_access_requests');
  }
}
