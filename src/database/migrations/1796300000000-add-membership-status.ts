import { MigrationInterface, QueryRunner } from 'typeorm';

// Organizations add people by invitation: a membership is INVITED until the person accepts.
// Memberships that exist already were made by the organization's own HEAD sign-in or by the
// former direct addition, so they stay in force: the default makes them ACTIVE.
export class AddMembershipStatus1796300000000 implements MigrationInterface {
  name = 'AddMembershipStatus1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `memberships` ADD `status` varchar(20) NOT NULL DEFAULT 'ACTIVE'",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `memberships` DROP COLUMN `status`');
  }
}
