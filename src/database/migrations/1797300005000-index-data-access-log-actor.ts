import { MigrationInterface, QueryRunner } from 'typeorm';

// Deleting an account relabels the records where it was the actor in other people's logs.
export class IndexDataAccessLogActor1797300005000 implements MigrationInterface {
  name = 'IndexDataAccessLogActor1797300005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `ix_data_access_log_actor` ON `data_access_log` (`actor_id`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_data_access_log_actor` ON `data_access_log`');
  }
}
