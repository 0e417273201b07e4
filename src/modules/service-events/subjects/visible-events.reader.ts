import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceEventEntity } from '../entities/service-event.entity';
import type { PersonSubject } from '../profile-facts/profile-facts';
import { PUBLIC_CATEGORIES } from './category-exposure';

/**
 * The latest events a person may see through their identifiers: per subject, public events
 * always, personal ones only through a proven link and from its `verifiedAt` on
 * (`PersonSubject.personalSince`). Read-only; one query on the (subject_kind, subject_value)
 * index whatever the number of subjects.
 */
@Injectable()
export class VisibleEventsReader {
  /** At most `perGroup` per (subject, category), newest first. */
  async findLatest(
    em: EntityManager,
    subjects: readonly PersonSubject[],
    perGroup: number,
  ): Promise<ServiceEventEntity[]> {
    if (subjects.length === 0) {
      return [];
    }
    const publicOnly = `e.category IN (${PUBLIC_CATEGORIES.map(() => '?').join(', ')})`;
    const clauses: string[] = [];
    const params: unknown[] = [];
    for (const s of subjects) {
      params.push(s.kind, s.value);
      if (s.personalSince === null) {
        clauses.push(`(e.subject_kind = ? AND e.subject_value = ? AND ${publicOnly})`);
        params.push(...PUBLIC_CATEGORIES);
      } else {
        clauses.push(
          `(e.subject_kind = ? AND e.subject_value = ? AND (${publicOnly} OR e.occurred_at >= ?))`,
        );
        params.push(...PUBLIC_CATEGORIES, s.personalSince);
      }
    }
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM (
         SELECT e.id, e.category, e.subject_kind, e.subject_value, e.title, e.body, e.amount,
                e.status, e.occurred_at, e.due_at,
                ROW_NUMBER() OVER (PARTITION BY e.subject_kind, e.subject_value, e.category
                                   ORDER BY e.occurred_at DESC, e.id DESC) AS rn
           FROM service_events e
          WHERE ${clauses.join(' OR ')}
       ) ranked
       WHERE ranked.rn <= ?
       ORDER BY ranked.occurred_at DESC, ranked.id DESC`,
      [...params, perGroup],
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
