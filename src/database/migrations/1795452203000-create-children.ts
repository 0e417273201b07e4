import { MigrationInterface, QueryRunner } from 'typeorm';

// A parent's children. school_login is unique platform-wide: it is a sign-in name.
export class CreateChildren1795452203000 implements MigrationInterface {
  name = 'CreateChildren1795452203000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE children (
        id char(36) NOT NULL,
        parent_user_id char(36) NOT NULL,
        last_name varchar(100) NOT NULL,
        first_name varchar(100) NOT NULL,
        middle_name varchar(100) NULL,
        birth_date date NOT NULL,
        snils varchar(14) NULL,
        school_login varchar(64) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_children_school_login (school_login),
        KEY ix_children_parent (parent_user_id, created_at),
        CONSTRAINT fk_children_parent FOREIGN KEY (parent_user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE children');
  }
}
