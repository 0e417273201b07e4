import { MigrationInterface, QueryRunner } from 'typeorm';

// When a PENDING link check gives up: one row per link waiting for its registry (kind and the
// link's id, as the check job names it), written in the transaction that makes it PENDING. The
// expiry task reads due rows by `expires_at`; the account's rows go with the account.
export class CreateLinkCheckDeadlines1797211000000 implements MigrationInterface {
  name = 'CreateLinkCheckDeadlines1797211000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE link_check_deadlines (
        kind varchar(24) NOT NULL,
        link_id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        expires_at datetime(3) NOT NULL,
        PRIMARY KEY (kind, link_id),
        KEY ix_link_check_deadlines_expires_at (expires_at),
        KEY ix_link_check_deadlines_user_id (user_id),
        CONSTRAINT fk_link_check_deadlines_user FOREIGN KEY (user_id) REFERENCES users (id)
          ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_check_deadlines');
  }
}
