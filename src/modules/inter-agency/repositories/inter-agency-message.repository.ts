import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InterAgencyMessageEventEntity } from '../entities/inter-agency-message-event.entity';
import { InterAgencyMessageEntity } from '../entities/inter-agency-message.entity';
import { Environment, MessageStatus } from '../inter-agency.enums';
import type { MessageRef, MessageSummary, ResolvedEvent } from '../messages/message-events.rules';

/** A search of one organization's messages (it is the consumer's or the provider's). */
export interface MessageSearch {
  organizationId: string;
  environments: Environment[];
  status?: MessageStatus;
  dataKindId?: string;
  from?: Date;
  to?: Date;
}

/** A keyset position: (created_at, id) of the last row of the previous page. */
export interface MessagePosition {
  createdAt: Date;
  id: string;
}

const COLUMNS = `m.id AS id, m.message_id AS messageId, m.data_kind_id AS dataKindId,
  m.consumer_system_id AS consumerSystemId, m.provider_system_id AS providerSystemId,
  m.consumer_organization_id AS consumerOrganizationId,
  m.provider_organization_id AS providerOrganizationId, m.environment AS environment,
  m.status AS status, m.status_rank AS statusRank, m.status_at AS statusAt,
  m.created_at AS createdAt, m.updated_at AS updatedAt`;

// The later of (stored, incoming) by (status_at, status_rank). ON DUPLICATE KEY UPDATE assigns
// left to right and later expressions see earlier assignments, so status and status_rank are set
// while status_at still holds the stored time, and status_at comes after them.
const LATER = `(VALUES(status_at) > status_at OR (VALUES(status_at) = status_at AND VALUES(status_rank) > status_rank))`;
const UPSERT_TAIL = `ON DUPLICATE KEY UPDATE
  status = IF(${LATER}, VALUES(status), status),
  status_rank = IF(${LATER}, VALUES(status_rank), status_rank),
  status_at = GREATEST(status_at, VALUES(status_at)),
  created_at = LEAST(created_at, VALUES(created_at)),
  updated_at = GREATEST(updated_at, VALUES(updated_at)),
  provider_system_id = COALESCE(provider_system_id, VALUES(provider_system_id)),
  provider_organization_id = COALESCE(provider_organization_id, VALUES(provider_organization_id))`;

type Side = 'consumer' | 'provider';

// The id columns are ASCII. Values are sent as literals (mysql2 interpolates `?`), which MariaDB
// converts to the column's character set, so the indexes serve the comparisons; comparing them
// with a utf8mb4 column or variable instead would convert the column and scan.

/** The index that serves one branch of a search: party, environment, then the filter. */
function indexFor(side: Side, search: MessageSearch): string {
  if (search.dataKindId) {
    return `ix_iam_${side}_kind`;
  }
  return search.status ? `ix_iam_${side}_status` : `ix_iam_${side}`;
}

/** The only ORM user of `inter_agency_messages` and `inter_agency_message_events`. */
@Injectable()
export class InterAgencyMessageRepository {
  /** Stored (environment, messageId, at, status) keys of these messages. */
  async findEventKeys(
    em: EntityManager,
    refs: readonly MessageRef[],
  ): Promise<(MessageRef & { at: Date; status: MessageStatus })[]> {
    if (!refs.length) {
      return [];
    }
    return em.query(
      `SELECT environment, message_id AS messageId, at, status FROM inter_agency_message_events
       WHERE (environment, message_id) IN (${refs.map(() => '(?, ?)').join(', ')})`,
      refs.flatMap((r) => [r.environment, r.messageId]),
    );
  }

  /** INSERT IGNORE: repeats of a stored (messageId, at, status) are skipped; answers how many were new. */
  async insertEvents(em: EntityManager, events: readonly ResolvedEvent[], receivedAt: Date) {
    if (!events.length) {
      return 0;
    }
    const result: { affectedRows?: number } = await em.query(
      `INSERT IGNORE INTO inter_agency_message_events (environment, message_id, at, status,
         detail, received_at)
       VALUES ${events.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      events.flatMap((e) => [e.environment, e.messageId, e.at, e.status, e.detail, receivedAt]),
    );
    return result.affectedRows ?? 0;
  }

  /** Creates or advances summary rows; the stored row keeps the later status (guarded upsert). */
  async upsertSummaries(em: EntityManager, rows: readonly MessageSummary[]): Promise<void> {
    if (!rows.length) {
      return;
    }
    await em.query(
      `INSERT INTO inter_agency_messages (message_id, data_kind_id, consumer_system_id,
         provider_system_id, consumer_organization_id, provider_organization_id, environment,
         status, status_rank, status_at, created_at, updated_at)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ${UPSERT_TAIL}`,
      rows.flatMap((r) => [
        r.messageId,
        r.dataKindId,
        r.consumerSystemId,
        r.providerSystemId,
        r.consumerOrganizationId,
        r.providerOrganizationId,
        r.environment,
        r.status,
        r.statusRank,
        r.statusAt,
        r.createdAt,
        r.updatedAt,
      ]),
    );
  }

  /** Whether the system is a party of any message (through its organization's indexes). */
  async hasMessagesOfSystem(
    em: EntityManager,
    system: { id: string; organizationId: string; environment: string },
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `(SELECT 1 FROM inter_agency_messages FORCE INDEX (ix_iam_consumer)
        WHERE consumer_organization_id = ? AND environment = ? AND consumer_system_id = ? LIMIT 1)
       UNION ALL
       (SELECT 1 FROM inter_agency_messages FORCE INDEX (ix_iam_provider)
        WHERE provider_organization_id = ? AND environment = ? AND provider_system_id = ? LIMIT 1)
       LIMIT 1`,
      [
        system.organizationId,
        system.environment,
        system.id,
        system.organizationId,
        system.environment,
        system.id,
      ],
    );
    return rows.length > 0;
  }

  /** The messages with that id: at most one per environment, PROD first. */
  findManyByMessageId(em: EntityManager, messageId: string): Promise<InterAgencyMessageEntity[]> {
    return em.find(InterAgencyMessageEntity, {
      where: { messageId },
      order: { environment: 'ASC' },
    });
  }

  findByRefs(em: EntityManager, refs: readonly MessageRef[]): Promise<InterAgencyMessageEntity[]> {
    return refs.length
      ? em.find(InterAgencyMessageEntity, { where: refs.map((r) => ({ ...r })) })
      : Promise.resolve([]);
  }

  /** Timelines of messages, each in time order (the primary key's order). */
  findEvents(
    em: EntityManager,
    refs: readonly MessageRef[],
  ): Promise<InterAgencyMessageEventEntity[]> {
    return refs.length
      ? em.find(InterAgencyMessageEventEntity, {
          where: refs.map((r) => ({ environment: r.environment, messageId: r.messageId })),
          order: { environment: 'ASC', messageId: 'ASC', at: 'ASC', status: 'ASC' },
        })
      : Promise.resolve([]);
  }

  /**
   * A page of an organization's messages, newest first. The organization may be the consumer or
   * the provider, so the page is the merge of one short index range per party and environment
   * (each `first + 1` rows at most after the cursor): no OR across indexes, no OFFSET, no sort
   * of the organization's whole history. A message where the organization is both sides comes
   * from the consumer branch only.
   */
  async findPage(
    em: EntityManager,
    search: MessageSearch,
    first: number,
    after?: MessagePosition,
  ): Promise<InterAgencyMessageEntity[]> {
    const params: unknown[] = [];
    const branches: string[] = [];
    for (const side of ['consumer', 'provider'] as const) {
      for (const environment of search.environments) {
        const where = this.branchWhere(side, environment, search, params);
        if (after) {
          where.push('(m.created_at < ? OR (m.created_at = ? AND m.id < ?))');
          params.push(after.createdAt, after.createdAt, after.id);
        }
        branches.push(
          `(SELECT ${COLUMNS} FROM inter_agency_messages m FORCE INDEX (${indexFor(side, search)})
            WHERE ${where.join(' AND ')}
            ORDER BY m.created_at DESC, m.id DESC LIMIT ${first + 1})`,
        );
      }
    }
    if (!branches.length) {
      return [];
    }
    const rows: InterAgencyMessageEntity[] = await em.query(
      `SELECT * FROM (${branches.join(' UNION ALL ')}) page
       ORDER BY page.createdAt DESC, page.id DESC LIMIT ${first + 1}`,
      params,
    );
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  /** How many messages the search matches (same branches, counted on their indexes). */
  async count(em: EntityManager, search: MessageSearch): Promise<number> {
    const params: unknown[] = [];
    const branches: string[] = [];
    for (const side of ['consumer', 'provider'] as const) {
      for (const environment of search.environments) {
        const where = this.branchWhere(side, environment, search, params);
        branches.push(
          `(SELECT COUNT(*) AS n FROM inter_agency_messages m FORCE INDEX (${indexFor(side, search)})
            WHERE ${where.join(' AND ')})`,
        );
      }
    }
    if (!branches.length) {
      return 0;
    }
    const [row] = await em.query<{ total: string | number }[]>(
      `SELECT COALESCE(SUM(n), 0) AS total FROM (${branches.join(' UNION ALL ')}) counts`,
      params,
    );
    return Number(row?.total ?? 0);
  }

  private branchWhere(
    side: Side,
    environment: Environment,
    search: MessageSearch,
    params: unknown[],
  ): string[] {
    const where = [`m.${side}_organization_id = ?`, 'm.environment = ?'];
    params.push(search.organizationId, environment);
    if (side === 'provider') {
      where.push('m.consumer_organization_id <> ?');
      params.push(search.organizationId);
    }
    if (search.dataKindId) {
      where.push('m.data_kind_id = ?');
      params.push(search.dataKindId);
    }
    if (search.status) {
      where.push('m.status = ?');
      params.push(search.status);
    }
    if (search.from) {
      where.push('m.created_at >= ?');
      params.push(search.from);
    }
    if (search.to) {
      where.push('m.created_at < ?');
      params.push(search.to);
    }
    return where;
  }
}
