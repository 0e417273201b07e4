import { MigrationInterface, QueryRunner } from 'typeorm';

// A session opened by a developer representative for the organization that appointed them: its
// access tokens carry the `rep` claim, which limits them to that organization's TEST systems.
export class AddSessionDeveloperRepresentative1795452301000 implements MigrationInterface {
  name = 'AddSessionDeveloperRepresentative1795452301000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `sessions` ADD `developer_representative` tinyint(1) NOT NULL DEFAULT 0',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `sessions` DROP COLUMN `developer_representative`');
  }
}
