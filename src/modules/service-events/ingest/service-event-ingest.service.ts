import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { FanOutServiceEventJob } from '../../../queues/queue-names';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../shared/database/transaction-runner';
import type { IngestResult } from '../graphql/ingest-result.type';
import type { ServiceEventInput } from '../graphql/service-event.input';
import { ServiceEventException } from '../service-event.exception';
import { ServiceEventRepository, ServiceEventWrite } from '../service-event.repository';
import { ServiceEventQueue } from './service-event.queue';
import { validateServiceEvents } from './service-event.validator';

export const EVENTS_WRITE_SCOPE = 'events:write';

/**
 * `ingestServiceEvents`: validates the whole batch, stores it in one transaction (new events
 * inserted, changed ones updated as a new revision, unchanged repeats left alone) and, after the
 * commit, queues matching and fan-out. A lost enqueue is repaired by ServiceEventFanOutSweeper.
 */
@Injectable()
export class ServiceEventIngestService {
  private readonly logger = new Logger(ServiceEventIngestService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: ServiceEventRepository,
    private readonly queue: ServiceEventQueue,
  ) {}

  async ingest(
    principal: AuthPrincipal,
    inputs: readonly ServiceEventInput[],
  ): Promise<IngestResult> {
    if (principal.kind !== 'client' || !principal.scopes.includes(EVENTS_WRITE_SCOPE)) {
      throw ServiceEventException.scopeRequired();
    }
    const now = new Date();
    const check = validateServiceEvents(inputs, now);
    if (!check.ok) {
      throw ServiceEventException.invalid(check.errors);
    }
    const { jobs, duplicates } = await this.tx.run(async (em) => {
      const stored = await this.events.findByKeys(em, check.events, true);
      const byKey = new Map(stored.map((s) => [`${s.source}\u0000${s.externalId}`, s]));
      const writes: ServiceEventWrite[] = [];
      const due: FanOutServiceEventJob[] = [];
      let repeats = 0;
      for (const event of check.events) {
        const existing = byKey.get(`${event.source}\u0000${event.externalId}`);
        if (existing?.contentHash === event.contentHash) {
          repeats += 1;
          continue;
        }
        const id = existing?.id ?? randomUUID();
        writes.push({ ...event, id, clientId: principal.subject });
        due.push({ eventId: id, revision: existing ? existing.revision + 1 : 1 });
      }
      await this.events.upsertMany(em, writes, now);
      return { jobs: due, duplicates: repeats };
    });
    await this.queue.enqueue(jobs).catch((error: unknown) => {
      this.logger.error(
        { err: error, events: jobs.length },
        'fan-out not queued; the sweeper will',
      );
    });
    return { accepted: jobs.length, duplicates };
  }
}
