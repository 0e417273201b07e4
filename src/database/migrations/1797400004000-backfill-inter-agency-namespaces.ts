import { MigrationInterface, QueryRunner } from 'typeorm';

// Namespaces already in use go to the organization of their earliest PROD kind (the first one
// approved). Namespaces with TEST kinds only stay unclaimed: the automatic TEST check is no
// approval, and the first PROD kind claims them.
export class BackfillInterAgencyNamespaces1797400004000 implements MigrationInterface {
  name = 'BackfillInterAgencyNamespaces1797400004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT IGNORE INTO inter_agency_namespaces
         (namespace_uri, organization_id, claimed_by, data_kind_id, assigned_by_user_id,
          created_at, updated_at)
       SELECT k.namespace_uri, k.owner_organization_id, 'FIRST_APPROVED_KIND', k.id, NULL,
              k.created_at, k.created_at
       FROM data_kinds k
       WHERE k.environment = 'PROD'
         AND NOT EXISTS (
           SELECT 1 FROM data_kinds e
           WHERE e.namespace_uri = k.namespace_uri AND e.environment = 'PROD'
             AND (e.created_at < k.created_at OR (e.created_at = k.created_at AND e.id < k.id))
         )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM inter_agency_namespaces');
  }
}
