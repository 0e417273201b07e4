import { MigrationInterface, QueryRunner } from 'typeorm';

// A person's service requests (document checks for now); source_id names the request's subject
// (e.g. the identity document), so one subject has one application.
export class CreateApplications1795452204000 implements MigrationInterface {
  name = 'CreateApplications1795452204000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE applications (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        kind varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        status varchar(40) NOT NULL,
        source_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_applications_source (source_id),
        KEY ix_applications_user_created (user_id, created_at, id),
        CONSTRAINT fk_applications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE applications');
  }
}
