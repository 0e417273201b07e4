import { MigrationInterface, QueryRunner } from 'typeorm';

// Special queues of information systems, names unique per system.
export class CreateSpecialQueues1795452333000 implements MigrationInterface {
  name = 'CreateSpecialQueues1795452333000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE special_queues (
        id char(36) NOT NULL,
        system_id char(36) NOT NULL,
        name varchar(100) NOT NULL,
        created_by_user_id char(36) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_special_queues_system_name (system_id, name),
        CONSTRAINT fk_special_queues_system FOREIGN KEY (system_id) REFERENCES information_systems (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE special_queues');
  }
}
