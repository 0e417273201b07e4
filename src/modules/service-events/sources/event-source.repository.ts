import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The only SQL user of `service_event_sources`: which sources each client may write. */
@Injectable()
export class EventSourceRepository {
  /** The client's sources, in name order; share-locked when asked (inside an ingest). */
  async findByClient(em: EntityManager, clientId: string, lock = false): Promise<string[]> {
    const rows = await em.query<{ source: string }[]>(
      `SELECT source FROM service_event_sources WHERE client_id = ? ORDER BY source
       ${lock ? 'LOCK IN SHARE MODE' : ''}`,
      [clientId],
    );
    return rows.map((r) => r.source);
  }

  /** Replaces the client's list with `sources`. */
  async replace(
    em: EntityManager,
    clientId: string,
    sources: readonly string[],
    now: Date,
  ): Promise<void> {
    await em.query('DELETE FROM service_event_sources WHERE client_id = ?', [clientId]);
    if (sources.length === 0) {
      return;
    }
    await em.query(
      `INSERT INTO service_event_sources (client_id, source, created_at)
       VALUES ${sources.map(() => '(?, ?, ?)').join(', ')}`,
      sources.flatMap((source) => [clientId, source, now]),
    );
  }
}
