import { MigrationInterface, QueryRunner } from 'typeorm';

// Dashboard widgets. owner_id is the account, or the child for a student session (a child's
// dashboard is its own); user_id is always the account and child_id the child, so deleting
// either removes its widgets. One widget per type and owner; positions are kept dense (0..n-1)
// by the service under a lock of the account row, not by a key (a move shifts several rows).
export class CreateWidgets1795452323000 implements MigrationInterface {
  name = 'CreateWidgets1795452323000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE widgets (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        owner_id char(36) NOT NULL,
        child_id char(36) NULL,
        type varchar(32) NOT NULL,
        position int NOT NULL,
        hidden tinyint(1) NOT NULL DEFAULT 0,
        settings longtext NOT NULL,
        created_at datetime(3) NOT NULL,
        updated_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_widgets_owner_type (owner_id, type),
        KEY ix_widgets_owner_position (owner_id, position),
        CONSTRAINT fk_widgets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_widgets_child FOREIGN KEY (child_id) REFERENCES children (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE widgets');
  }
}
