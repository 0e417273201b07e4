import { MigrationInterface, QueryRunner } from 'typeorm';

// Status events of messages. The primary key (message_id, at, status) is the idempotency key
// (INSERT IGNORE) and clusters a message's timeline in time order; no secondary indexes.
export class CreateInterAgencyMessageEvents1795452337000 implements MigrationInterface {
  name = 'CreateInterAgencyMessageEvents1795452337000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inter_agency_message_events (
        message_id varchar(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        at datetime(3) NOT NULL,
        status varchar(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        detail varchar(1000) NULL,
        received_at datetime(3) NOT NULL,
        PRIMARY KEY (message_id, at, status)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE inter_agency_message_events');
  }
}
