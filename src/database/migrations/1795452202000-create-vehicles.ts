import { MigrationInterface, QueryRunner } from 'typeorm';

// A person's vehicles (plates feed the fines widgets).
export class CreateVehicles1795452202000 implements MigrationInterface {
  name = 'CreateVehicles1795452202000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vehicles (
        id char(36) NOT NULL,
        user_id char(36) NOT NULL,
        plate varchar(12) NOT NULL,
        registration_certificate varchar(20) NULL,
        created_at datetime(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_vehicles_user_plate (user_id, plate),
        KEY ix_vehicles_plate (plate),
        CONSTRAINT fk_vehicles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE vehicles');
  }
}
