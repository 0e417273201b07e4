import { MigrationInterface, QueryRunner } from 'typeorm';

// The sources each `events:write` client may write (set by the operator CLI). A client writes
// only its own sources; the (source, external_id) of an event another client wrote stays that
// client's. Sources compare exactly, like service_events.source (binary collation).
export class CreateServiceEventSources1797300000000 implements MigrationInterface {
  name = 'CreateServiceEventSources1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_event_sources (
        client_id char(36) NOT NULL,
        source varchar(100) COLLATE utf8mb4_bin NOT NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (client_id, source),
        KEY ix_service_event_sources_source (source)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE service_event_sources');
  }
}
