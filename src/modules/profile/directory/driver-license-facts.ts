import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A driver licence on a profile with what its validity depends on. */
export interface DriverLicenseFact {
  userId: string;
  /** `YYYY-MM-DD`. */
  issuedAt: string;
}

function dateOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/**
 * The port for the driver licences the profile keeps, for document deadlines (reminders, the
 * dashboard): a licence counts once it has a number and an issue date, whatever its registry
 * proof (the date is the resident's own, and the end follows from it).
 */
@Injectable()
export class DriverLicenseFacts {
  /** The account's licence, or null without a number or an issue date. */
  async forUser(em: EntityManager, userId: string): Promise<DriverLicenseFact | null> {
    const [row] = await em.query<{ issued_at: unknown }[]>(
      `SELECT driver_license_issued_at AS issued_at FROM user_profiles
        WHERE user_id = ? AND driver_license IS NOT NULL AND driver_license_issued_at IS NOT NULL`,
      [userId],
    );
    return row ? { userId, issuedAt: dateOf(row.issued_at) } : null;
  }

  /**
   * Licences issued between `from` and `to` (`YYYY-MM-DD`, inclusive), a page in account-id
   * order after `afterUserId` (index `ix_user_profiles_driver_license_issued_at`).
   */
  async issuedBetween(
    em: EntityManager,
    from: string,
    to: string,
    afterUserId: string,
    limit: number,
  ): Promise<DriverLicenseFact[]> {
    const rows = await em.query<{ user_id: string; issued_at: unknown }[]>(
      `SELECT user_id, driver_license_issued_at AS issued_at FROM user_profiles
        WHERE driver_license_issued_at BETWEEN ? AND ? AND driver_license IS NOT NULL
          AND user_id > ?
        ORDER BY user_id
        LIMIT ?`,
      [from, to, afterUserId, limit],
    );
    return rows.map((r) => ({ userId: r.user_id, issuedAt: dateOf(r.issued_at) }));
  }
}
