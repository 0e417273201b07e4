import { MigrationInterface, QueryRunner } from 'typeorm';

// The message monitor's summary rows (about a million a month). Ids are ascii (a third of the
// index bytes of utf8mb4); every search index starts with a party organization and the
// environment and ends with created_at, so each page is a few short index ranges, never OFFSET.
// No foreign keys: references are resolved when events are recorded, and ingest stays cheap.
export class CreateInterAgencyMessages1795452336000 implements MigrationInterface {
  name = 'CreateInterAgencyMessages1795452336000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_messages (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        message_id varchar(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        data_kind_id char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        consumer_system_id char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        provider_system_id char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
        consumer_organization_id char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        provider_organization_id char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
        environment varchar(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        status varchar(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        status_rank tinyint unsigned NOT NULL,
        status_at datetime(3) NOT NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_iam_message (message_id),
        KEY ix_iam_consumer (consumer_organization_id, environment, created_at),
        KEY ix_iam_provider (provider_organization_id, environment, created_at),
        KEY ix_iam_consumer_status (consumer_organization_id, environment, status, created_at),
        KEY ix_iam_provider_status (provider_organization_id, environment, status, created_at),
        KEY ix_iam_consumer_kind (consumer_organization_id, environment, data_kind_id, created_at),
        KEY ix_iam_provider_kind (provider_organization_id, environment, data_kind_id, created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_messages');
  }
}
