import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { TransactionRunner } from '../../../core/database/transaction-runner';
import { AppException, FieldError } from '../../../shared/errors';
import type { DataKindEntity } from '../entities/data-kind.entity';
import type { InformationSystemEntity } from '../entities/information-system.entity';
import { InterAgencyAccess } from '../access/inter-agency-access.service';
import type { HeldMessageEvent } from '../graphql/held-message-event.type';
import type { MessageEventInput } from '../graphql/message-event.input';
import { Environment } from '../inter-agency.enums';
import { InterAgencyException } from '../inter-agency.exception';
import { DataKindRepository } from '../repositories/data-kind.repository';
import { InformationSystemRepository } from '../repositories/information-system.repository';
import { InterAgencyMessageRepository } from '../repositories/inter-agency-message.repository';
import { HeldEventRepository } from '../repositories/held-event.repository';
import { NamespaceRepository } from '../repositories/namespace.repository';
import type { HeldEventRow } from '../repositories/held-event.repository';
import type { InterAgencyHeldEventEntity } from '../entities/inter-agency-held-event.entity';
import { MessageFeed } from './message-feed';
import { eventKey, messageKey, summarize, toMillis } from './message-events.rules';
import type { MessageRef, ResolvedEvent } from './message-events.rules';

export const MESSAGE_BATCH_MAX = 1000;
export const MESSAGES_WRITE_SCOPE = 'messages:write';
// Clocks of the exchange and of the portal differ a little; an event from the future is a bug.
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const FIELD_ERRORS_MAX = 20;
// The operators' view of held events is a bounded list.
const HELD_VIEW_LIMIT = 200;

/**
 * `recordInterAgencyMessageEvents`: a batch of status events from the exchange, in any order.
 * The batch is checked whole (unknown kinds refuse it, nothing is written; events naming a
 * system that is not ACTIVE are held aside), then in one transaction its events are inserted
 * with INSERT IGNORE on (environment, message_id, at, status) and the messages' summary rows are
 * advanced by a guarded upsert. Changed messages are published after the commit.
 */
@Injectable()
export class MessageIngestService {
  private readonly logger = new Logger(MessageIngestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly access: InterAgencyAccess,
    private readonly kinds: DataKindRepository,
    private readonly systems: InformationSystemRepository,
    private readonly messages: InterAgencyMessageRepository,
    private readonly held: HeldEventRepository,
    private readonly namespaces: NamespaceRepository,
    private readonly feed: MessageFeed,
  ) {}

  async record(principal: AuthPrincipal, events: MessageEventInput[]): Promise<number> {
    if (principal.kind !== 'client' || !principal.scopes.includes(MESSAGES_WRITE_SCOPE)) {
      throw AppException.forbidden(
        `События сообщений принимаются только от клиентов с разрешением ${MESSAGES_WRITE_SCOPE}`,
      );
    }
    return this.ingest(events);
  }

  /** The ingest itself (the benchmark drives it directly). */
  async ingest(events: MessageEventInput[]): Promise<number> {
    if (events.length > MESSAGE_BATCH_MAX) {
      throw InterAgencyException.batchTooLarge(MESSAGE_BATCH_MAX);
    }
    if (events.length === 0) {
      return 0;
    }
    const { resolved, held } = await this.resolve(events);
    const receivedAt = new Date();
    const { inserted, changed } = await this.tx.run(async (em) => {
      const written = await this.write(em, resolved, receivedAt);
      const heldCount = await this.held.insert(
        em,
        held.map((i) => toHeldRow(events[i], receivedAt)),
      );
      return { inserted: written.inserted + heldCount, changed: written.changed };
    });
    if (changed.length > 0) {
      await this.publish(changed);
    }
    return inserted;
  }

  /**
   * Re-attributes the events held aside for a mnemonic once its system is ACTIVE: those whose
   * other side is ACTIVE too are credited (written as if they had just arrived) and removed from
   * the held table in the same transaction; the rest stay held.
   */
  async releaseHeld(environment: Environment, mnemonic: string): Promise<number> {
    let released = 0;
    let afterId = '0';
    for (;;) {
      const rows = await this.held.findManyByMnemonic(
        this.dataSource.manager,
        environment,
        mnemonic,
        afterId,
        MESSAGE_BATCH_MAX,
      );
      if (rows.length === 0) {
        return released;
      }
      afterId = rows[rows.length - 1].id;
      const events = rows.map(toEventInput);
      const { resolved, held } = await this.resolve(events);
      const stillHeld = new Set(held);
      const releasedIds = rows.filter((_, i) => !stillHeld.has(i)).map((row) => row.id);
      if (releasedIds.length === 0) {
        continue;
      }
      const receivedAt = new Date();
      const { changed } = await this.tx.run(async (em) => {
        await this.held.deleteByIds(em, releasedIds);
        return this.write(em, resolved, receivedAt);
      });
      released += releasedIds.length;
      if (changed.length > 0) {
        await this.publish(changed);
      }
    }
  }

  /** The operators' view of held events (oldest first, bounded). */
  async listHeld(
    principal: AuthPrincipal,
    environment: Environment | undefined,
  ): Promise<HeldMessageEvent[]> {
    await this.access.requireOperator(principal);
    const rows = await this.held.findMany(this.dataSource.manager, environment, HELD_VIEW_LIMIT);
    return rows.map((row) => ({
      id: row.id,
      environment: row.environment,
      messageId: row.messageId,
      dataKindNamespaceUri: row.dataKindNamespaceUri,
      consumerMnemonic: row.consumerMnemonic,
      providerMnemonic: row.providerMnemonic,
      status: row.status,
      at: row.at,
      receivedAt: row.receivedAt,
    }));
  }

  private async write(
    em: EntityManager,
    resolved: ResolvedEvent[],
    receivedAt: Date,
  ): Promise<{ inserted: number; changed: MessageRef[] }> {
    if (resolved.length === 0) {
      return { inserted: 0, changed: [] };
    }
    const summaries = summarize(resolved);
    const stored = new Set(
      (await this.messages.findEventKeys(em, summaries.map(toRef))).map(eventKey),
    );
    const seen = new Set<string>();
    const fresh = resolved.filter((e) => {
      const key = eventKey(e);
      if (stored.has(key) || seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    });
    if (fresh.length === 0) {
      return { inserted: 0, changed: [] };
    }
    const changed = new Map(fresh.map((e) => [messageKey(e), toRef(e)]));
    const count = await this.messages.insertEvents(em, fresh, receivedAt);
    await this.messages.upsertSummaries(
      em,
      summaries.filter((s) => changed.has(messageKey(s))),
    );
    return { inserted: count, changed: [...changed.values()] };
  }

  private async publish(refs: MessageRef[]): Promise<void> {
    try {
      const rows = await this.messages.findByRefs(this.dataSource.manager, refs);
      await this.feed.publish(rows);
    } catch (error) {
      // Stored is stored: a subscriber missing one update still reads the current state.
      this.logger.warn({ err: error, count: refs.length }, 'message updates not published');
    }
  }

  /**
   * Resolves namespace URIs and mnemonics for the whole batch. A wrong field (an unknown kind of
   * data, a time in the future, a batch contradicting itself) refuses it; an event whose
   * consumer or provider mnemonic names no ACTIVE system is held aside (its index in `held`).
   */
  private async resolve(
    events: MessageEventInput[],
  ): Promise<{ resolved: ResolvedEvent[]; held: number[] }> {
    const em = this.dataSource.manager;
    const kinds = await this.kindsByNamespace(em, events);
    const systems = await this.systemsByMnemonic(em, events);
    const errors: FieldError[] = [];
    // A message's kind and consumer are fixed by its first event: stored messages count as much
    // as the batch itself, so a later batch cannot re-attribute a message either.
    const refs = new Map(events.map((e) => [messageKey(e), toRef(e)]));
    const identity = new Map(
      (await this.messages.findByRefs(em, [...refs.values()])).map((m) => [
        messageKey(m),
        `${m.dataKindId}:${m.consumerSystemId}`,
      ]),
    );
    const latest = Date.now() + FUTURE_TOLERANCE_MS;
    const resolved: ResolvedEvent[] = [];
    const held: number[] = [];
    events.forEach((e, i) => {
      const at = e.at instanceof Date ? toMillis(e.at) : new Date(NaN);
      const kind =
        kinds.get(`${e.environment} ${e.dataKindNamespaceUri}`) ??
        kinds.get(e.dataKindNamespaceUri);
      const consumer = systems.get(`${e.environment}:${e.consumerMnemonic}`);
      const provider = e.providerMnemonic
        ? systems.get(`${e.environment}:${e.providerMnemonic}`)
        : null;
      const fail = (field: string, message: string) =>
        errors.push({ field: `events.${i}.${field}`, message });
      if (Number.isNaN(at.getTime()) || at.getTime() > latest) {
        fail('at', 'Время события в будущем или неверно');
      }
      if (!kind) {
        fail('dataKindNamespaceUri', `Вид сведений ${e.dataKindNamespaceUri} не зарегистрирован`);
        return;
      }
      // Credited to nobody until the mnemonic's system is ACTIVE: a PENDING registration of
      // someone else's mnemonic must not receive the real traffic's ids, parties and timelines.
      if (!consumer || provider === undefined) {
        if (!Number.isNaN(at.getTime()) && at.getTime() <= latest) {
          held.push(i);
        }
        return;
      }
      // A message is (environment, message id) and has one kind and consumer: a batch
      // contradicting itself or a stored message is refused.
      const who = `${kind.id}:${consumer.id}`;
      if ((identity.get(messageKey(e)) ?? who) !== who) {
        fail(
          'messageId',
          `События сообщения ${e.messageId} расходятся в виде сведений или потребителе`,
        );
        return;
      }
      identity.set(messageKey(e), who);
      resolved.push({
        messageId: e.messageId,
        dataKindId: kind.id,
        consumerSystemId: consumer.id,
        consumerOrganizationId: consumer.organizationId,
        providerSystemId: provider?.id ?? null,
        providerOrganizationId: provider?.organizationId ?? null,
        environment: e.environment,
        status: e.status,
        at,
        detail: e.detail ?? null,
      });
    });
    if (errors.length > 0) {
      throw InterAgencyException.eventsInvalid(errors.slice(0, FIELD_ERRORS_MAX));
    }
    return { resolved, held };
  }

  // Several versions may share a namespace URI: events name the namespace only, so the most
  // recently registered version counts, but only among the kinds of the namespace's owner (an
  // unowned namespace: the organization of its first kind). A newer version published by
  // anyone else never wins the attribution.
  private async kindsByNamespace(
    em: EntityManager,
    events: MessageEventInput[],
  ): Promise<Map<string, DataKindEntity>> {
    const uris = [...new Set(events.map((e) => e.dataKindNamespaceUri))];
    const [rows, owned] = await Promise.all([
      this.kinds.findManyByNamespaces(em, uris),
      this.namespaces.findManyByUris(em, uris),
    ]);
    // The collation compares URIs without case: key owners the way the kinds are keyed.
    const owners = new Map(owned.map((n) => [n.namespaceUri.toLowerCase(), n.organizationId]));
    const result = new Map<string, DataKindEntity>();
    for (const row of rows) {
      const key = row.namespaceUri.toLowerCase();
      if (!owners.has(key)) {
        owners.set(key, row.ownerOrganizationId);
      }
      if (owners.get(key) === row.ownerOrganizationId) {
        result.set(row.namespaceUri, row);
        result.set(`${row.environment} ${row.namespaceUri}`, row);
      }
    }
    return result;
  }

  private async systemsByMnemonic(
    em: EntityManager,
    events: MessageEventInput[],
  ): Promise<Map<string, InformationSystemEntity>> {
    const result = new Map<string, InformationSystemEntity>();
    for (const environment of [Environment.TEST, Environment.PROD]) {
      const mnemonics = new Set<string>();
      for (const e of events) {
        if (e.environment === environment) {
          mnemonics.add(e.consumerMnemonic);
          if (e.providerMnemonic) {
            mnemonics.add(e.providerMnemonic);
          }
        }
      }
      const rows = await this.systems.findManyActiveByMnemonics(em, environment, [...mnemonics]);
      // The collation compares mnemonics without case: key by the spelling the events used.
      const byLower = new Map(rows.map((row) => [row.mnemonic.toLowerCase(), row]));
      for (const mnemonic of mnemonics) {
        const row = byLower.get(mnemonic.toLowerCase());
        if (row) {
          result.set(`${environment}:${mnemonic}`, row);
        }
      }
    }
    return result;
  }
}

function toHeldRow(e: MessageEventInput, receivedAt: Date): HeldEventRow {
  return {
    environment: e.environment,
    messageId: e.messageId,
    dataKindNamespaceUri: e.dataKindNamespaceUri,
    consumerMnemonic: e.consumerMnemonic,
    providerMnemonic: e.providerMnemonic ?? null,
    status: e.status,
    at: toMillis(e.at),
    detail: e.detail ?? null,
    receivedAt,
  };
}

function toEventInput(row: InterAgencyHeldEventEntity): MessageEventInput {
  return {
    environment: row.environment,
    messageId: row.messageId,
    dataKindNamespaceUri: row.dataKindNamespaceUri,
    consumerMnemonic: row.consumerMnemonic,
    providerMnemonic: row.providerMnemonic,
    status: row.status,
    at: row.at,
    detail: row.detail,
  };
}

function toRef(m: MessageRef): MessageRef {
  return { environment: m.environment, messageId: m.messageId };
}
