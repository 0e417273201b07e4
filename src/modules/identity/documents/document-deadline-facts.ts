import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addYears, PASSPORT_REPLACEMENT_AGES } from './document-validity';

/** A passport in force with what its validity depends on. */
export interface PassportFacts {
  documentId: string;
  userId: string;
  birthDate: string;
  issuedAt: string;
}

function dateOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/**
 * What document deadlines are computed from: the birth date and the documents in force. Reads
 * identity's tables for other modules (document reminders, the dashboard).
 */
@Injectable()
export class DocumentDeadlineFacts {
  /** The person's birth date (null when not given) and passports in force. */
  async forUser(
    em: EntityManager,
    userId: string,
  ): Promise<{ birthDate: string | null; passports: PassportFacts[] }> {
    const rows = await em.query<
      { birth_date: unknown; document_id: string | null; issued_at: unknown }[]
    >(
      `SELECT u.birth_date, d.id AS document_id, d.issued_at
         FROM users u
         LEFT JOIN identity_documents d
           ON d.user_id = u.id AND d.kind = 'PASSPORT' AND d.in_force = 1 AND d.issued_at IS NOT NULL
        WHERE u.id = ?`,
      [userId],
    );
    const birthDate = rows[0]?.birth_date ? dateOf(rows[0].birth_date) : null;
    const passports =
      birthDate === null
        ? []
        : rows
            .filter((r) => r.document_id !== null)
            .map((r) => ({
              documentId: r.document_id!,
              userId,
              birthDate,
              issuedAt: dateOf(r.issued_at),
            }));
    return { birthDate, passports };
  }

  /**
   * Passports in force of people who turn 20 or 45 between `from` and `to` (`YYYY-MM-DD`,
   * inclusive), a page in document-id order after `afterId`. Whether the passport is really due
   * (issued before that birthday) is for the caller to decide with `passportValidity`.
   */
  async passportsOfAgesBetween(
    em: EntityManager,
    from: string,
    to: string,
    afterId: string,
    limit: number,
  ): Promise<PassportFacts[]> {
    const ranges = PASSPORT_REPLACEMENT_AGES.map((age) => [
      addYears(from, -age),
      addYears(to, -age),
    ]);
    const rows = await em.query<
      { document_id: string; user_id: string; birth_date: unknown; issued_at: unknown }[]
    >(
      `SELECT d.id AS document_id, d.user_id, u.birth_date, d.issued_at
         FROM users u
         JOIN identity_documents d
           ON d.user_id = u.id AND d.kind = 'PASSPORT' AND d.in_force = 1 AND d.issued_at IS NOT NULL
        WHERE (${ranges.map(() => 'u.birth_date BETWEEN ? AND ?').join(' OR ')})
          AND d.id > ?
        ORDER BY d.id
        LIMIT ?`,
      [...ranges.flat(), afterId, limit],
    );
    return rows.map((r) => ({
      documentId: r.document_id,
      userId: r.user_id,
      birthDate: dateOf(r.birth_date),
      issuedAt: dateOf(r.issued_at),
    }));
  }
}
