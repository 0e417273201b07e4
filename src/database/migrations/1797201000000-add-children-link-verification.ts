import { MigrationInterface, QueryRunner } from 'typeorm';

// A child's school events reach the parent only once the birth record links the child's SNILS
// to the parent's verified SNILS. Personal matching is an equality on (snils, verification)
// paged by the parent's id.
export class AddChildrenLinkVerification1797201000000 implements MigrationInterface {
  name = 'AddChildrenLinkVerification1797201000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE children
        ADD COLUMN verification varchar(16) NOT NULL DEFAULT 'UNVERIFIED',
        ADD COLUMN linked_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        ADD COLUMN verified_at datetime(3) NULL,
        DROP KEY ix_children_snils,
        ADD KEY ix_children_snils_verification (snils, verification, parent_user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE children
        DROP KEY ix_children_snils_verification,
        ADD KEY ix_children_snils (snils),
        DROP COLUMN verified_at,
        DROP COLUMN linked_at,
        DROP COLUMN verification`);
  }
}
