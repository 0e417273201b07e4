import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LinkVerification } from '../../identity';

/** The identifiers the profile module matches accounts by (service-event subject kinds). */
export type ProfileMatchKind =
  | 'VEHICLE_PLATE'
  | 'DRIVER_LICENSE'
  | 'PAYER_CODE'
  | 'ELECTRICITY_ACCOUNT'
  | 'OMS_POLICY'
  | 'ADDRESS';

/**
 * Which links an event may reach: any link for a public, non-personal event (a hot-water
 * shut-off at an address), or only links VERIFIED at or before the moment the event occurred
 * (history starts when the link was proven).
 */
export type MatchScope = { personal: false } | { personal: true; occurredAt: Date };

/** A proven-or-not identifier link, as matching and widgets see it. */
export interface LinkFact {
  kind: Exclude<ProfileMatchKind, 'ADDRESS'>;
  value: string;
  verification: LinkVerification;
  /** When the registry confirmed it; null unless VERIFIED. */
  verifiedAt: Date | null;
}

/** What the profile module knows of a person, stored normalised, for service events. */
export interface ProfileIdentifierFacts {
  address: string | null;
  driverLicense: string | null;
  payerCode: string | null;
  electricityAccount: string | null;
  omsPolicy: string | null;
  /** Plates in creation order. */
  vehicles: string[];
  /** Every identifier link (the address is not one: it is never proven) with its proof state. */
  links: LinkFact[];
}

/** An indexed column, its proof columns (none for the address) and the account id beside it. */
interface MatchSource {
  table: string;
  column: string;
  proof: { verification: string; verifiedAt: string } | null;
}

const profileLink = (column: string): MatchSource => ({
  table: 'user_profiles',
  column,
  proof: { verification: `${column}_verification`, verifiedAt: `${column}_verified_at` },
});

// Every column here leads an index ending in user_id: (value, verification, user_id) for the
// links (migrations 1797200000000 / 1797202000000), (address) for the address.
const SOURCES: Record<ProfileMatchKind, MatchSource> = {
  VEHICLE_PLATE: {
    table: 'vehicles',
    column: 'plate',
    proof: { verification: 'verification', verifiedAt: 'verified_at' },
  },
  DRIVER_LICENSE: profileLink('driver_license'),
  PAYER_CODE: profileLink('payer_code'),
  ELECTRICITY_ACCOUNT: profileLink('electricity_account'),
  OMS_POLICY: profileLink('oms_policy'),
  ADDRESS: { table: 'user_profiles', column: 'address', proof: null },
};

const FIELD_LINKS = [
  ['DRIVER_LICENSE', 'driver_license'],
  ['PAYER_CODE', 'payer_code'],
  ['ELECTRICITY_ACCOUNT', 'electricity_account'],
  ['OMS_POLICY', 'oms_policy'],
] as const;

// GROUP_CONCAT separators that no stored plate, state or date contains.
const ITEM = '\u001e';
const PART = '\u001f';

function parseUtc(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

/**
 * The profile module's read port for other modules: they name none of its tables. Every read is
 * by key or an indexed equality; nothing scans.
 */
@Injectable()
export class ProfileDirectory {
  /**
   * A page of the accounts an identifier matches, in account-id order after `after` (keyset):
   * an equality on an indexed column, `DISTINCT` as a person may hold the value twice. A personal
   * event matches only VERIFIED links proven by the time it occurred; the address, never proven,
   * matches public events only.
   */
  async matchSubjects(
    em: EntityManager,
    kind: ProfileMatchKind,
    value: string,
    after: string,
    limit: number,
    scope: MatchScope,
  ): Promise<string[]> {
    const { table, column, proof } = SOURCES[kind];
    if (scope.personal && !proof) {
      return [];
    }
    const proven =
      scope.personal && proof
        ? `AND m.${proof.verification} = ? AND m.${proof.verifiedAt} <= ?`
        : '';
    const rows = await em.query<{ user_id: string }[]>(
      `SELECT DISTINCT m.user_id AS user_id FROM ${table} m
        WHERE m.${column} = ? ${proven} AND m.user_id > ?
        ORDER BY m.user_id LIMIT ?`,
      [
        value,
        ...(scope.personal ? [LinkVerification.VERIFIED, scope.occurredAt] : []),
        after,
        limit,
      ],
    );
    return rows.map((r) => r.user_id);
  }

  /** The account's profile identifiers and their proof in one query; empty without a profile. */
  async profileFacts(em: EntityManager, userId: string): Promise<ProfileIdentifierFacts> {
    const utc = (column: string) => `DATE_FORMAT(${column}, '%Y-%m-%dT%H:%i:%s.%fZ')`;
    const [row] = await em.query<Record<string, string | null>[]>(
      `SELECT p.address, p.driver_license, p.payer_code, p.electricity_account, p.oms_policy,
              ${FIELD_LINKS.map(
                ([, c]) =>
                  `p.${c}_verification AS ${c}_verification, ${utc(`p.${c}_verified_at`)} AS ${c}_verified_at`,
              ).join(', ')},
              (SELECT GROUP_CONCAT(CONCAT(v.plate, '${PART}', v.verification, '${PART}',
                                          COALESCE(${utc('v.verified_at')}, ''))
                                   ORDER BY v.created_at SEPARATOR '${ITEM}')
                 FROM vehicles v WHERE v.user_id = ?) AS plates
         FROM (SELECT 1) one LEFT JOIN user_profiles p ON p.user_id = ?`,
      [userId, userId],
    );
    const vehicles = row?.plates
      ? row.plates.split(ITEM).map((item) => {
          const [plate, verification, verifiedAt] = item.split(PART);
          return { plate, verification: verification as LinkVerification, verifiedAt };
        })
      : [];
    const links: LinkFact[] = vehicles.map((v) => ({
      kind: 'VEHICLE_PLATE',
      value: v.plate,
      verification: v.verification,
      verifiedAt: parseUtc(v.verifiedAt),
    }));
    for (const [kind, column] of FIELD_LINKS) {
      const value = row?.[column];
      if (value) {
        links.push({
          kind,
          value,
          verification: (row[`${column}_verification`] ??
            LinkVerification.UNVERIFIED) as LinkVerification,
          verifiedAt: parseUtc(row[`${column}_verified_at`]),
        });
      }
    }
    return {
      address: row?.address ?? null,
      driverLicense: row?.driver_license ?? null,
      payerCode: row?.payer_code ?? null,
      electricityAccount: row?.electricity_account ?? null,
      omsPolicy: row?.oms_policy ?? null,
      vehicles: vehicles.map((v) => v.plate),
      links,
    };
  }
}
