import { MigrationInterface, QueryRunner } from 'typeorm';

// Fair parser slots ask, per job of an organization at its share, whether another organization
// has a report waiting (QUEUED): with this index that is two seeks, however long the backlog.
export class IndexRemoteWorkReportsStatusOrg1797040000000 implements MigrationInterface {
  name = 'IndexRemoteWorkReportsStatusOrg1797040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX ix_rwr_status_org ON remote_work_reports (status, organization_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_rwr_status_org ON remote_work_reports');
  }
}
