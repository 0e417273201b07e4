import { SubjectKind } from '../graphql/subject-kind.enum';

/** Where the profile keeps an identifier: an indexed column and the account id beside it. */
interface MatchSource {
  table: string;
  column: string;
  userColumn: string;
}

// Every column here has an index (the profile's own, or 1795452324000 / 1795452325000).
const SOURCES: Record<SubjectKind, MatchSource> = {
  SNILS: { table: 'identity_documents', column: 'verified_snils', userColumn: 'user_id' },
  PHONE: { table: 'users', column: 'phone', userColumn: 'id' },
  VEHICLE_PLATE: { table: 'vehicles', column: 'plate', userColumn: 'user_id' },
  DRIVER_LICENSE: { table: 'user_profiles', column: 'driver_license', userColumn: 'user_id' },
  PAYER_CODE: { table: 'user_profiles', column: 'payer_code', userColumn: 'user_id' },
  ELECTRICITY_ACCOUNT: {
    table: 'user_profiles',
    column: 'electricity_account',
    userColumn: 'user_id',
  },
  OMS_POLICY: { table: 'user_profiles', column: 'oms_policy', userColumn: 'user_id' },
  ADDRESS: { table: 'user_profiles', column: 'address', userColumn: 'user_id' },
  CHILD_SNILS: { table: 'children', column: 'snils', userColumn: 'parent_user_id' },
};

/**
 * A page of the accounts an identifier matches, in account-id order after a keyset position:
 * `SELECT DISTINCT <user> AS user_id ... WHERE <column> = ? AND <user> > ? ORDER BY <user> LIMIT ?`
 * (parameters: value, after, limit). An equality on an indexed column, never a scan.
 */
export function matchedUsersPageSql(kind: SubjectKind): string {
  const { table, column, userColumn } = SOURCES[kind];
  return `SELECT DISTINCT m.${userColumn} AS user_id FROM ${table} m
           WHERE m.${column} = ? AND m.${userColumn} > ?
           ORDER BY m.${userColumn} LIMIT ?`;
}
