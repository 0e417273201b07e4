import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CursorPosition, decodeCursor } from '../graphql/connection';

/**
 * Newest-first keyset paging over (created_at, id): `first + 1` rows after the cursor, so the
 * caller can tell whether another page follows. Needs an index on (…filters, created_at, id).
 */
export function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  first: number,
  after?: string,
): SelectQueryBuilder<T> {
  if (after) {
    const position: CursorPosition = decodeCursor(after);
    qb.andWhere(
      `(${alias}.created_at < :kcAt OR (${alias}.created_at = :kcAt AND ${alias}.id < :kcId))`,
      { kcAt: position.createdAt, kcId: position.id },
    );
  }
  return qb
    .orderBy(`${alias}.created_at`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(first + 1);
}
