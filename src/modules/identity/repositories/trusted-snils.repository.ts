import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Writes the SNILS a trusted federated sign-in confirms into `identity_documents`, the way a
 * VERIFIED registry check leaves it: the new row in force, the account's earlier SNILS rows out
 * of force (kept as history).
 */
@Injectable()
export class TrustedSnilsRepository {
  /** Locks the account row, as profile does around document changes (one change at a time). */
  async lockAccount(em: EntityManager, userId: string): Promise<void> {
    await em.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [userId]);
  }

  /** The SNILS (`123-456-789 64`) in force on the account, if any. */
  async findInForce(em: EntityManager, userId: string): Promise<string | null> {
    const [row] = await em.query<{ number: string }[]>(
      "SELECT number FROM identity_documents WHERE user_id = ? AND kind = 'SNILS' AND in_force = 1",
      [userId],
    );
    return row?.number ?? null;
  }

  /**
   * Takes the SNILS out of force on the account as DISPUTED: a trusted provider or a qualified
   * certificate gave it to another account. Access level and SNILS sign-in follow at once, as
   * both read the SNILS in force.
   */
  async dispute(em: EntityManager, userId: string, snils: string, now: Date): Promise<void> {
    await em.query(
      `UPDATE identity_documents SET status = 'DISPUTED', in_force = 0, updated_at = ?
        WHERE user_id = ? AND kind = 'SNILS' AND in_force = 1 AND number = ?`,
      [now, userId, snils],
    );
  }

  async insertVerified(em: EntityManager, userId: string, snils: string, now: Date): Promise<void> {
    await em.query(
      "UPDATE identity_documents SET in_force = 0, updated_at = ? WHERE user_id = ? AND kind = 'SNILS' AND in_force = 1",
      [now, userId],
    );
    await em.query(
      `INSERT INTO identity_documents (id, user_id, kind, series, number, issued_at, issued_by,
         status, in_force, submitted_at, verified_at, rejection_reason, check_expires_at, updated_at)
       VALUES (?, ?, 'SNILS', NULL, ?, NULL, NULL, 'VERIFIED', 1, ?, ?, NULL, NULL, ?)`,
      [randomUUID(), userId, snils, now, now, now],
    );
  }
}
