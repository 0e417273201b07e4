import { MigrationInterface, QueryRunner } from 'typeorm';

// A message is identified by (environment, message id): the same id in TEST and PROD names two
// messages.
export class KeyInterAgencyMessagesByEnvironment1796700004000 implements MigrationInterface {
  name = 'KeyInterAgencyMessagesByEnvironment1796700004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inter_agency_messages
        DROP INDEX uq_iam_message,
        ADD UNIQUE KEY uq_iam_message (environment, message_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inter_agency_messages
        DROP INDEX uq_iam_message,
        ADD UNIQUE KEY uq_iam_message (message_id)`);
  }
}
