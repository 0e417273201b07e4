import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProfileFacts } from './profile-facts';

// GROUP_CONCAT separators that no stored plate, id or SNILS contains.
const ITEM = '\u001e';
const PART = '\u001f';

/**
 * Reads a person's identifiers from the profile's tables (users, user_profiles, vehicles,
 * children, identity_documents) in one query, by primary and foreign keys. Read-only, and the
 * only place outside the profile module that knows those columns; the profile module stores them
 * normalised (see subject-normalizer.ts for the same rules).
 */
@Injectable()
export class ProfileFactsReader {
  /** The account's facts; null when the account does not exist. */
  async forUser(em: EntityManager, userId: string): Promise<ProfileFacts | null> {
    const [row] = await em.query<Record<string, string | null>[]>(
      `SELECT u.id, u.phone, u.email, DATE_FORMAT(u.birth_date, '%Y-%m-%d') AS birth_date,
              p.address, p.driver_license, p.payer_code, p.electricity_account, p.oms_policy,
              (SELECT d.verified_snils FROM identity_documents d
                WHERE d.user_id = u.id AND d.verified_snils IS NOT NULL LIMIT 1) AS snils,
              (SELECT GROUP_CONCAT(v.plate ORDER BY v.created_at SEPARATOR '${ITEM}')
                 FROM vehicles v WHERE v.user_id = u.id) AS plates,
              (SELECT GROUP_CONCAT(CONCAT(c.id, '${PART}', COALESCE(c.snils, ''))
                      ORDER BY c.created_at SEPARATOR '${ITEM}')
                 FROM children c WHERE c.parent_user_id = u.id) AS children
         FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id
        WHERE u.id = ?`,
      [userId],
    );
    if (!row) {
      return null;
    }
    return {
      userId,
      childId: null,
      phone: row.phone,
      email: row.email,
      birthDate: row.birth_date,
      address: row.address,
      driverLicense: row.driver_license,
      payerCode: row.payer_code,
      electricityAccount: row.electricity_account,
      omsPolicy: row.oms_policy,
      snils: row.snils,
      vehicles: row.plates ? row.plates.split(ITEM) : [],
      children: row.children
        ? row.children.split(ITEM).map((item) => {
            const [id, snils] = item.split(PART);
            return { id, snils: snils || null };
          })
        : [],
    };
  }

  /**
   * A child's facts for a student session: the child itself is the only "child", with its SNILS;
   * the parent's identifiers are not the child's.
   */
  async forChild(
    em: EntityManager,
    parentUserId: string,
    childId: string,
  ): Promise<ProfileFacts | null> {
    const [row] = await em.query<{ id: string; snils: string | null }[]>(
      'SELECT id, snils FROM children WHERE id = ? AND parent_user_id = ?',
      [childId, parentUserId],
    );
    if (!row) {
      return null;
    }
    return {
      userId: parentUserId,
      childId,
      phone: null,
      email: null,
      birthDate: null,
      address: null,
      driverLicense: null,
      payerCode: null,
      electricityAccount: null,
      omsPolicy: null,
      snils: null,
      vehicles: [],
      children: [{ id: row.id, snils: row.snils }],
    };
  }
}
