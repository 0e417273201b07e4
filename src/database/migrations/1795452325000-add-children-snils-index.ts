import { MigrationInterface, QueryRunner } from 'typeorm';

// Events about a child (grades, exam and olympiad results) name the child's SNILS: matched to
// the parent through this index.
export class AddChildrenSnilsIndex1795452325000 implements MigrationInterface {
  name = 'AddChildrenSnilsIndex1795452325000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE children ADD KEY ix_children_snils (snils)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE children DROP KEY ix_children_snils');
  }
}
