import { MigrationInterface, QueryRunner } from 'typeorm';

// namespaceUri + version are unique per environment: the same schema is published in TEST and in
// PROD, and a TEST kind can no longer keep the PROD version of a namespace from its owner.
export class KeyDataKindsByEnvironment1797400010000 implements MigrationInterface {
  name = 'KeyDataKindsByEnvironment1797400010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE data_kinds
         ADD UNIQUE KEY uq_data_kinds_namespace_version_env (namespace_uri, version, environment),
         DROP INDEX uq_data_kinds_namespace_version`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while a namespace and version exist in both environments.
    await queryRunner.query(
      `ALTER TABLE data_kinds
         ADD UNIQUE KEY uq_data_kinds_namespace_version (namespace_uri, version),
         DROP INDEX uq_data_kinds_namespace_version_env`,
    );
  }
}
