import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LinkVerification } from '../link-verification';

/** The identifiers the identity module matches accounts by (service-event subject kinds). */
export type IdentityMatchKind = 'SNILS' | 'PHONE' | 'CHILD_SNILS';

/** What the identity module knows of a person, for service events and widgets. */
export interface IdentityFacts {
  phone: string | null;
  /** When the phone became the account's: its personal events from then on are the person's. */
  phoneSince: Date | null;
  email: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  /** The verified SNILS in force, if any. */
  snils: string | null;
  /** When the registry verified that SNILS: its personal events from then on are the person's. */
  snilsVerifiedAt: Date | null;
  /** The account's children in creation order, each with its SNILS and the link's proof. */
  children: ChildFact[];
}

/** A child of the account: its SNILS and whether the birth record proved the link. */
export interface ChildFact {
  id: string;
  snils: string | null;
  verification: LinkVerification;
  /** When the birth record confirmed the link; null unless VERIFIED. */
  verifiedAt: Date | null;
}

/**
 * Public events reach any link; personal ones only links proven by the time they occurred.
 * (The same shape as the profile directory's.)
 */
export type IdentityMatchScope = { personal: false } | { personal: true; occurredAt: Date };

/** Where an account's contacts are sent copies. */
export interface AccountContacts {
  phone: string;
  email: string | null;
}

/** An indexed column and the account id beside it. */
interface MatchSource {
  table: string;
  column: string;
  userColumn: string;
  /** The link's proof columns, for identifiers typed in by the person (a child's SNILS). */
  proof: { verification: string; verifiedAt: string } | null;
  /**
   * For identifiers proven otherwise (the SNILS by the registry, the phone by a code): when the
   * value became the account's. Personal events that occurred earlier were someone else's.
   */
  since: string | null;
}

// Every column here has an index (the verified SNILS's unique key, the users' unique phone and
// (snils, verification, parent_user_id) of migration 1797201000000). The SNILS in force is
// registry-verified and the phone proven by a code, so they carry no further link proof, only
// the moment they became the account's: both keys are unique, so that moment is checked on the
// one row the key finds.
const SOURCES: Record<IdentityMatchKind, MatchSource> = {
  SNILS: {
    table: 'identity_documents',
    column: 'verified_snils',
    userColumn: 'user_id',
    proof: null,
    since: 'verified_at',
  },
  PHONE: { table: 'users', column: 'phone', userColumn: 'id', proof: null, since: 'phone_since' },
  CHILD_SNILS: {
    table: 'children',
    column: 'snils',
    userColumn: 'parent_user_id',
    proof: { verification: 'verification', verifiedAt: 'verified_at' },
    since: null,
  },
};

// GROUP_CONCAT separators that no stored id or SNILS contains.
const ITEM = '\u001e';
const PART = '\u001f';

/**
 * The identity module's read and lock port for other modules: they name none of its tables.
 * Every read is by primary key, foreign key or an indexed equality; nothing scans.
 */
@Injectable()
export class IdentityDirectory {
  /**
   * A page of the accounts an identifier matches, in account-id order after `after` (keyset):
   * an equality on an indexed column, `DISTINCT` as a person may hold the value twice.
   */
  async matchSubjects(
    em: EntityManager,
    kind: IdentityMatchKind,
    value: string,
    after: string,
    limit: number,
    scope: IdentityMatchScope,
  ): Promise<string[]> {
    const { table, column, userColumn, proof, since } = SOURCES[kind];
    let proven = '';
    const provenParams: unknown[] = [];
    if (scope.personal && proof) {
      proven = `AND m.${proof.verification} = ? AND m.${proof.verifiedAt} <= ?`;
      provenParams.push(LinkVerification.VERIFIED, scope.occurredAt);
    } else if (scope.personal && since) {
      proven = `AND m.${since} <= ?`;
      provenParams.push(scope.occurredAt);
    }
    const rows = await em.query<{ user_id: string }[]>(
      `SELECT DISTINCT m.${userColumn} AS user_id FROM ${table} m
        WHERE m.${column} = ? ${proven} AND m.${userColumn} > ?
        ORDER BY m.${userColumn} LIMIT ?`,
      [value, ...provenParams, after, limit],
    );
    return rows.map((r) => r.user_id);
  }

  /** The account's identity facts in one query; null when the account does not exist. */
  async profileFacts(em: EntityManager, userId: string): Promise<IdentityFacts | null> {
    const utc = (column: string) => `DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%s.%fZ')`;
    const [row] = await em.query<Record<string, string | null>[]>(
      `SELECT u.phone, u.email, DATE_FORMAT(u.birth_date, '%Y-%m-%d') AS birth_date,
              ${utc('u.phone_since')} AS phone_since,
              (SELECT CONCAT(d.verified_snils, '${PART}', COALESCE(${utc('d.verified_at')}, ''))
                 FROM identity_documents d
                WHERE d.user_id = u.id AND d.verified_snils IS NOT NULL LIMIT 1) AS snils,
              (SELECT GROUP_CONCAT(CONCAT(c.id, '${PART}', COALESCE(c.snils, ''), '${PART}',
                                          c.verification, '${PART}',
                                          COALESCE(DATE_FORMAT(c.verified_at, '%Y-%m-%dT%H:%i:%s.%fZ'), ''))
                      ORDER BY c.created_at SEPARATOR '${ITEM}')
                 FROM children c WHERE c.parent_user_id = u.id) AS children
         FROM users u
        WHERE u.id = ?`,
      [userId],
    );
    if (!row) {
      return null;
    }
    const [snils, snilsVerifiedAt] = row.snils ? row.snils.split(PART) : [null, null];
    return {
      phone: row.phone,
      phoneSince: row.phone_since ? new Date(row.phone_since) : null,
      email: row.email,
      birthDate: row.birth_date,
      snils: snils || null,
      snilsVerifiedAt: snilsVerifiedAt ? new Date(snilsVerifiedAt) : null,
      children: row.children
        ? row.children.split(ITEM).map((item) => {
            const [id, snils, verification, verifiedAt] = item.split(PART);
            return {
              id,
              snils: snils || null,
              verification: verification as LinkVerification,
              verifiedAt: verifiedAt ? new Date(verifiedAt) : null,
            };
          })
        : [],
    };
  }

  /** A child of that parent with its SNILS; null when there is no such child of that parent. */
  async childFacts(
    em: EntityManager,
    parentUserId: string,
    childId: string,
  ): Promise<ChildFact | null> {
    const [row] = await em.query<
      { id: string; snils: string | null; verification: string; verified_at: Date | null }[]
    >(
      'SELECT id, snils, verification, verified_at FROM children WHERE id = ? AND parent_user_id = ?',
      [childId, parentUserId],
    );
    return row
      ? {
          id: row.id,
          snils: row.snils,
          verification: row.verification as LinkVerification,
          verifiedAt: row.verified_at ? new Date(row.verified_at) : null,
        }
      : null;
  }

  /**
   * The contacts of those accounts in one query; an account that does not exist is absent. The
   * e-mail is given only when confirmed: an address typed at registration and never proven may
   * be someone else's, and copies of a person's notifications must not go there.
   */
  async contacts(
    em: EntityManager,
    userIds: readonly string[],
  ): Promise<Map<string, AccountContacts>> {
    if (userIds.length === 0) {
      return new Map();
    }
    const rows = await em.query<{ id: string; phone: string; email: string | null }[]>(
      `SELECT id, phone, CASE WHEN email_confirmed_at IS NULL THEN NULL ELSE email END AS email
         FROM users WHERE id IN (${userIds.map(() => '?').join(', ')})`,
      [...userIds],
    );
    return new Map(rows.map((r) => [r.id, { phone: r.phone, email: r.email }]));
  }

  /**
   * Locks the account row until the transaction ends, serialising every change made under it;
   * false when the account does not exist.
   */
  async lockAccount(em: EntityManager, userId: string): Promise<boolean> {
    const rows = await em.query<unknown[]>('SELECT id FROM users WHERE id = ? FOR UPDATE', [
      userId,
    ]);
    return rows.length > 0;
  }

  /**
   * Those of the accounts that exist, share-locked until the transaction ends so none is deleted
   * before rows referencing it are written.
   */
  async shareLockExisting(em: EntityManager, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) {
      return [];
    }
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM users WHERE id IN (${userIds.map(() => '?').join(', ')})
        ORDER BY id LOCK IN SHARE MODE`,
      [...userIds],
    );
    return rows.map((r) => r.id);
  }
}
