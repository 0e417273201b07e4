import { MigrationInterface, QueryRunner } from 'typeorm';

// What an invitation shows the organization before the person accepts (the identifier it typed,
// masked) and when an unanswered invitation lapses.
export class AddMembershipInvitation1796300001000 implements MigrationInterface {
  name = 'AddMembershipInvitation1796300001000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `memberships` ADD `invited_as` varchar(40) NULL, ADD `invitation_expires_at` datetime(3) NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `memberships` DROP COLUMN `invited_as`, DROP COLUMN `invitation_expires_at`',
    );
  }
}
