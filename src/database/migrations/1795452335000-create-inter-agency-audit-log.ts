import { MigrationInterface, QueryRunner } from 'typeorm';

// Append-only audit of changes in the inter-agency portal (who, as whom, what, when).
export class CreateInterAgencyAuditLog1795452335000 implements MigrationInterface {
  name = 'CreateInterAgencyAuditLog1795452335000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_audit_log (
        id char(36) NOT NULL,
        organization_id char(36) NULL,
        actor_user_id char(36) NULL,
        as_representative tinyint NOT NULL DEFAULT 0,
        action varchar(60) NOT NULL,
        target_type varchar(40) NOT NULL,
        target_id varchar(100) NOT NULL,
        details json NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_inter_agency_audit_org (organization_id, created_at),
        KEY ix_inter_agency_audit_actor (actor_user_id, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_audit_log');
  }
}
