import { MigrationInterface, QueryRunner } from 'typeorm';

// Accounts a federated sign-in created were written in the same transaction as their identity,
// with the same timestamp, and got a random password nobody knows. Whether one of them set a
// password through recovery since cannot be told apart from a profile edit (both move
// updated_at), so all of them count as without one: they prove themselves by a recent sign-in
// or an SMS code instead, and the next password reset sets the flag again.
export class BackfillUsersHasPassword1796200002000 implements MigrationInterface {
  name = 'BackfillUsersHasPassword1796200002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE users u
         JOIN federated_identities f ON f.user_id = u.id AND f.created_at = u.created_at
          SET u.has_password = 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE users SET has_password = 1');
  }
}
