import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { FanOutServiceEventJob } from '../../../queues/queue-names';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import type { IngestResult } from '../graphql/ingest-result.type';
import type { ServiceEventInput } from '../graphql/service-event.input';
import { ServiceEventException } from '../service-event.exception';
import { ServiceEventRepository, ServiceEventWrite } from '../service-event.repository';
import type { FieldError } from '../../../shared/errors';
import { EventSourceRepository } from '../sources/event-source.repository';
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
    private readonly sources: EventSourceRepository,
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
    const clientId = principal.subject;
    const { jobs, duplicates } = await this.tx.run(async (em) => {
      // A client writes only the sources it was given (share-locked: a change by the operator
      // waits for this batch, or this batch sees the change).
      const allowed = new Set(await this.sources.findByClient(em, clientId, true));
      const foreign: FieldError[] = check.events.flatMap((event, index) =>
        allowed.has(event.source)
          ? []
          : [
              {
                field: `events[${index}].source`,
                message: `Источник «${event.source}» не разрешён этому клиенту`,
              },
            ],
      );
      if (foreign.length > 0) {
        throw ServiceEventException.sourceNotAllowed(foreign);
      }
      const stored = await this.events.findByKeys(em, check.events, true);
      const byKey = new Map(stored.map((s) => [`${s.source}\u0000${s.externalId}`, s]));
      // An event stays with the client that wrote it: another client holding the same source
      // (a second system of one agency) cannot overwrite or re-address it.
      const taken: FieldError[] = check.events.flatMap((event, index) => {
        const existing = byKey.get(`${event.source}\u0000${event.externalId}`);
        return existing && existing.clientId !== null && existing.clientId !== clientId
          ? [
              {
                field: `events[${index}].externalId`,
                message: 'Событие с этим идентификатором передала другая система',
              },
            ]
          : [];
      });
      if (taken.length > 0) {
        throw ServiceEventException.ownedByAnotherClient(taken);
      }
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
        const revision = existing ? existing.revision + 1 : 1;
        const subjectChanged =
          existing !== undefined &&
          (existing.subjectKind !== String(event.subjectKind) ||
            existing.subjectValue !== event.subjectValue);
        writes.push({
          ...event,
          id,
          clientId,
          subjectChangedRevision: subjectChanged ? revision : null,
        });
        due.push({ eventId: id, revision });
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
