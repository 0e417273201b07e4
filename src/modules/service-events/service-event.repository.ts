import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceEventEntity } from './entities/service-event.entity';
import type { NormalizedServiceEvent } from './ingest/service-event.validator';

/** The stored identity of an event: enough to tell new, changed and repeated ones apart. */
export interface StoredEventKey {
  id: string;
  source: string;
  externalId: string;
  contentHash: string;
  revision: number;
  /** The client that wrote it (null for events stored before clients were recorded). */
  clientId: string | null;
  subjectKind: string;
  subjectValue: string;
}

/** A row to write: a normalised event with the id it has (or gets). */
export interface ServiceEventWrite extends NormalizedServiceEvent {
  id: string;
  clientId: string | null;
  /** Set when this write changes the subject of a stored event: the new revision. */
  subjectChangedRevision: number | null;
}

/** A subject identifier, as stored. */
export interface SubjectKey {
  kind: string;
  value: string;
}

const KEY_CHUNK = 500;
const WRITE_CHUNK = 200;
const COLUMNS = [
  'id',
  'source',
  'external_id',
  'client_id',
  'category',
  'subject_kind',
  'subject_value',
  'title',
  'body',
  'amount',
  'status',
  'occurred_at',
  'due_at',
  'data',
  'content_hash',
  'subject_changed_revision',
  'revision',
  'created_at',
  'updated_at',
];
const UPDATED = COLUMNS.filter(
  (c) =>
    !['id', 'source', 'external_id', 'revision', 'created_at', 'subject_changed_revision'].includes(
      c,
    ),
);

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** The only ORM user of `service_events`. */
@Injectable()
export class ServiceEventRepository {
  /** Stored events with these (source, externalId) keys, locked for update when asked. */
  async findByKeys(
    em: EntityManager,
    keys: readonly { source: string; externalId: string }[],
    lock: boolean,
  ): Promise<StoredEventKey[]> {
    const found: StoredEventKey[] = [];
    for (const part of chunks(keys, KEY_CHUNK)) {
      const rows = await em.query<
        {
          id: string;
          source: string;
          external_id: string;
          content_hash: string;
          revision: number;
          client_id: string | null;
          subject_kind: string;
          subject_value: string;
        }[]
      >(
        `SELECT id, source, external_id, content_hash, revision, client_id, subject_kind,
                subject_value
           FROM service_events
          WHERE (source, external_id) IN (${part.map(() => '(?, ?)').join(', ')})
          ${lock ? 'FOR UPDATE' : ''}`,
        part.flatMap((k) => [k.source, k.externalId]),
      );
      found.push(
        ...rows.map((r) => ({
          id: r.id,
          source: r.source,
          externalId: r.external_id,
          contentHash: r.content_hash,
          revision: Number(r.revision),
          clientId: r.client_id,
          subjectKind: r.subject_kind,
          subjectValue: r.subject_value,
        })),
      );
    }
    return found;
  }

  /**
   * Inserts new events and overwrites changed ones (same id) in multi-row statements; a changed
   * event's revision goes up by one.
   */
  async upsertMany(
    em: EntityManager,
    rows: readonly ServiceEventWrite[],
    now: Date,
  ): Promise<void> {
    for (const part of chunks(rows, WRITE_CHUNK)) {
      const values = part.flatMap((e) => [
        e.id,
        e.source,
        e.externalId,
        e.clientId,
        e.category,
        e.subjectKind,
        e.subjectValue,
        e.title,
        e.body,
        e.amount,
        e.status,
        e.occurredAt,
        e.dueAt,
        e.data,
        e.contentHash,
        e.subjectChangedRevision,
        1,
        now,
        now,
      ]);
      const row = `(${COLUMNS.map(() => '?').join(', ')})`;
      await em.query(
        `INSERT INTO service_events (${COLUMNS.join(', ')})
         VALUES ${part.map(() => row).join(', ')}
         ON DUPLICATE KEY UPDATE ${UPDATED.map((c) => `${c} = VALUES(${c})`).join(', ')},
           subject_changed_revision =
             COALESCE(VALUES(subject_changed_revision), subject_changed_revision),
           revision = revision + 1`,
        values,
      );
    }
  }

  findById(em: EntityManager, id: string): Promise<ServiceEventEntity | null> {
    return em.findOneBy(ServiceEventEntity, { id });
  }

  /** Records that the fan-out of a revision finished (never moves backwards). */
  async markFannedOut(em: EntityManager, id: string, revision: number): Promise<void> {
    await em.query(
      `UPDATE service_events SET fanned_out_revision = GREATEST(COALESCE(fanned_out_revision, 0), ?)
        WHERE id = ?`,
      [revision, id],
    );
  }

  /** Events whose latest revision has not been fanned out and that changed before `before`. */
  async findUnfannedOut(
    em: EntityManager,
    before: Date,
    limit: number,
  ): Promise<{ id: string; revision: number }[]> {
    const rows = await em.query<{ id: string; revision: number }[]>(
      `SELECT id, revision FROM service_events
        WHERE (fanned_out_revision IS NULL OR fanned_out_revision < revision) AND updated_at < ?
        ORDER BY updated_at LIMIT ?`,
      [before, limit],
    );
    return rows.map((r) => ({ id: r.id, revision: Number(r.revision) }));
  }

  /**
   * Deletes up to `limit` events that occurred before `before`, oldest first; returns how many.
   * Their notifications go with them (foreign key ON DELETE CASCADE).
   */
  async deleteOccurredBefore(em: EntityManager, before: Date, limit: number): Promise<number> {
    const result = await em.query<{ affectedRows?: number }>(
      'DELETE FROM service_events WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?',
      [before, limit],
    );
    return Number(result.affectedRows ?? 0);
  }

  /**
   * The latest events of the given subjects, at most `perGroup` per (subject, category), newest
   * first: one indexed query whatever the number of subjects.
   */
  async findLatestBySubjects(
    em: EntityManager,
    subjects: readonly SubjectKey[],
    perGroup: number,
  ): Promise<ServiceEventEntity[]> {
    if (subjects.length === 0) {
      return [];
    }
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM (
         SELECT e.id, e.category, e.subject_kind, e.subject_value, e.title, e.body, e.amount,
                e.status, e.occurred_at, e.due_at,
                ROW_NUMBER() OVER (PARTITION BY e.subject_kind, e.subject_value, e.category
                                   ORDER BY e.occurred_at DESC, e.id DESC) AS rn
           FROM service_events e
          WHERE (e.subject_kind, e.subject_value) IN (${subjects.map(() => '(?, ?)').join(', ')})
       ) ranked
       WHERE ranked.rn <= ?
       ORDER BY ranked.occurred_at DESC, ranked.id DESC`,
      [...subjects.flatMap((s) => [s.kind, s.value]), perGroup],
    );
    return rows.map((r) =>
      Object.assign(new ServiceEventEntity(), {
        id: r.id,
        category: r.category,
        subjectKind: r.subject_kind,
        subjectValue: r.subject_value,
        title: r.title,
        body: r.body,
        amount: r.amount === null ? null : String(r.amount as string | number),
        status: r.status,
        occurredAt: new Date(r.occurred_at as string),
        dueAt: r.due_at === null ? null : new Date(r.due_at as string),
      }),
    );
  }
}
