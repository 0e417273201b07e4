import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppException } from '../errors';

/** Relay page info, forward-only. */
@ObjectType({ description: 'Where a page of a connection ends.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

/** `first` (default 20, at most 100) and `after` of a forward-only connection. */
@ArgsType()
export class PaginationArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: 1 to 100, default 20.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A keyset position: the (created_at, id) of the last item of a page. */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString(
    'base64url',
  );
}

/** Decodes a cursor made by {@link encodeCursor}; a forged or damaged one is BAD_USER_INPUT. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) {
      throw new Error('bad cursor');
    }
    return { createdAt: date, id };
  } catch {
    throw AppException.badInput([{ field: 'after', message: 'Неверный курсор страницы' }]);
  }
}

/** A page of items as returned by a repository: one more than asked tells that more follow. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a connection from `first + 1` rows fetched newest first. */
export function toConnection<T extends CursorPosition>(
  rows: T[],
  first: number,
  totalCount: number,
): Page<T> {
  const items = rows.slice(0, first);
  const edges = items.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** The page size to fetch for validated args. */
export function pageSize(args: PaginationArgs): number {
  return Math.min(args.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

/**
 * Declares the Relay connection type `<name>Connection` and its `<name>Edge` for a node type.
 */
export function Connection<T>(node: Type<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `An edge of ${name}Connection.` })
  class Edge {
    @Field({ description: 'Opaque position of this node.' })
    cursor!: string;

    @Field(() => node, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false, description })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page ends.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has.' })
    totalCount!: number;
  }
  return ConnectionType;
}
