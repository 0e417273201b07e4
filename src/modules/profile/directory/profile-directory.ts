import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The identifiers the profile module matches accounts by (service-event subject kinds). */
export type ProfileMatchKind =
  | 'VEHICLE_PLATE'
  | 'DRIVER_LICENSE'
  | 'PAYER_CODE'
  | 'ELECTRICITY_ACCOUNT'
  | 'OMS_POLICY'
  | 'ADDRESS';

/** What the profile module knows of a person, stored normalised, for service events. */
export interface ProfileIdentifierFacts {
  address: string | null;
  driverLicense: string | null;
  payerCode: string | null;
  electricityAccount: string | null;
  omsPolicy: string | null;
  /** Plates in creation order. */
  vehicles: string[];
}

/** An indexed column and the account id beside it. */
interface MatchSource {
  table: string;
  column: string;
}

// Every column here has an index (the profile's own migrations); the account id is `user_id`.
const SOURCES: Record<ProfileMatchKind, MatchSource> = {
  VEHICLE_PLATE: { table: 'vehicles', column: 'plate' },
  DRIVER_LICENSE: { table: 'user_profiles', column: 'driver_license' },
  PAYER_CODE: { table: 'user_profiles', column: 'payer_code' },
  ELECTRICITY_ACCOUNT: { table: 'user_profiles', column: 'electricity_account' },
  OMS_POLICY: { table: 'user_profiles', column: 'oms_policy' },
  ADDRESS: { table: 'user_profiles', column: 'address' },
};

// GROUP_CONCAT separator that no stored plate contains.
const ITEM = '\u001e';

/**
 * The profile module's read port for other modules: they name none of its tables. Every read is
 * by key or an indexed equality; nothing scans.
 */
@Injectable()
export class ProfileDirectory {
  /**
   * A page of the accounts an identifier matches, in account-id order after `after` (keyset):
   * an equality on an indexed column, `DISTINCT` as a person may hold the value twice.
   */
  async matchSubjects(
    em: EntityManager,
    kind: ProfileMatchKind,
    value: string,
    after: string,
    limit: number,
  ): Promise<string[]> {
    const { table, column } = SOURCES[kind];
    const rows = await em.query<{ user_id: string }[]>(
      `SELECT DISTINCT m.user_id AS user_id FROM ${table} m
        WHERE m.${column} = ? AND m.user_id > ?
        ORDER BY m.user_id LIMIT ?`,
      [value, after, limit],
    );
    return rows.map((r) => r.user_id);
  }

  /** The account's profile identifiers in one query; all empty when it has no profile. */
  async profileFacts(em: EntityManager, userId: string): Promise<ProfileIdentifierFacts> {
    const [row] = await em.query<Record<string, string | null>[]>(
      `SELECT p.address, p.driver_license, p.payer_code, p.electricity_account, p.oms_policy,
              (SELECT GROUP_CONCAT(v.plate ORDER BY v.created_at SEPARATOR '${ITEM}')
                 FROM vehicles v WHERE v.user_id = ?) AS plates
         FROM (SELECT 1) one LEFT JOIN user_profiles p ON p.user_id = ?`,
      [userId, userId],
    );
    return {
      address: row?.address ?? null,
      driverLicense: row?.driver_license ?? null,
      payerCode: row?.payer_code ?? null,
      electricityAccount: row?.electricity_account ?? null,
      omsPolicy: row?.oms_policy ?? null,
      vehicles: row?.plates ? row.plates.split(ITEM) : [],
    };
  }
}
