import { MigrationInterface, QueryRunner } from 'typeorm';

// Message events held aside: their consumer or provider mnemonic names no ACTIVE system of the
// environment (unknown, or a registration still PENDING). They are credited to nobody until the
// mnemonic's system is ACTIVE, then re-attributed and removed. (environment, message_id, at,
// status) keeps repeats out; the mnemonic indexes serve the release on activation.
export class CreateInterAgencyHeldEvents1796700000000 implements MigrationInterface {
  name = 'CreateInterAgencyHeldEvents1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_held_events (
        id bigint unsigned NOT NULL AUTO_INCREMENT,
        environment varchar(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        message_id varchar(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        data_kind_namespace_uri varchar(400) NOT NULL,
        consumer_mnemonic varchar(50) NOT NULL,
        provider_mnemonic varchar(50) NULL,
        status varchar(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        at datetime(3) NOT NULL,
        detail varchar(1000) NULL,
        received_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_iahe_event (environment, message_id, at, status),
        KEY ix_iahe_consumer (environment, consumer_mnemonic),
        KEY ix_iahe_provider (environment, provider_mnemonic),
        KEY ix_iahe_received (received_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_held_events');
  }
}
