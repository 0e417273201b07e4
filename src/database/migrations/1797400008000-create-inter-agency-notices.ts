import { MigrationInterface, QueryRunner } from 'typeorm';

// Decision and withdrawal notices of access requests. IMMEDIATE ones were sent at once (counted
// per requester/owner pair for the rate limit); DIGEST ones (TEST, or over the limit) wait for
// the recipient organization's daily digest of `digest_day` (Moscow date) and are stamped
// `digested_at` when it goes out.
export class CreateInterAgencyNotices1797400008000 implements MigrationInterface {
  name = 'CreateInterAgencyNotices1797400008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_notices (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        recipient_organization_id char(36) NOT NULL,
        requester_organization_id char(36) NOT NULL,
        owner_organization_id char(36) NOT NULL,
        access_request_id char(36) NOT NULL,
        environment varchar(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        subject varchar(200) NOT NULL,
        text varchar(2000) NOT NULL,
        delivery varchar(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        digest_day date NULL,
        digested_at datetime(3) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_ian_pair (requester_organization_id, owner_organization_id, delivery, created_at),
        KEY ix_ian_digest (delivery, digested_at, digest_day, recipient_organization_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_notices');
  }
}
