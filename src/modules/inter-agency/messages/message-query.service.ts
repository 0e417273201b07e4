import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { AppException } from '../../../shared/errors';
import { decodeCursor, encodeCursor, pageSize } from '../../../shared/graphql/connection';
import { InterAgencyAccess } from '../access/inter-agency-access.service';
import type { InterAgencyActor } from '../access/inter-agency-actor';
import type { InterAgencyMessageEntity } from '../entities/inter-agency-message.entity';
import type { InterAgencyMessageConnection } from '../graphql/inter-agency-message.connection';
import { InterAgencyMessage } from '../graphql/inter-agency-message.type';
import type { InterAgencyMessagesArgs } from '../graphql/inter-agency-messages.args';
import { toInterAgencyMessage } from '../graphql/inter-agency.mapper';
import {
  InterAgencyMessageRepository,
  MessagePosition,
  MessageSearch,
} from '../repositories/inter-agency-message.repository';
import type { MessageRef } from './message-events.rules';
import { MessageFeed, MessageUpdatedEvent } from './message-feed';

/** Whether the actor's organization is a party of the message, in an environment it reaches. */
export function isVisibleTo(actor: InterAgencyActor, row: InterAgencyMessageEntity): boolean {
  return (
    (row.consumerOrganizationId === actor.organizationId ||
      row.providerOrganizationId === actor.organizationId) &&
    actor.environments.includes(row.environment)
  );
}

/** The monitor: one message with its timeline, the search, and live updates. */
@Injectable()
export class MessageQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: InterAgencyAccess,
    private readonly messages: InterAgencyMessageRepository,
    private readonly feed: MessageFeed,
  ) {}

  /** "Where is my request": null for an unknown id and for a message of other organizations. */
  async findOne(principal: AuthPrincipal, messageId: string): Promise<InterAgencyMessage | null> {
    const actor = await this.access.requirePortal(principal);
    // One id may name a PROD and a TEST message: the first the caller may see, PROD first.
    const rows = await this.messages.findManyByMessageId(this.dataSource.manager, messageId);
    const row = rows.find((r) => isVisibleTo(actor, r));
    return row ? toInterAgencyMessage(row) : null;
  }

  async search(
    principal: AuthPrincipal,
    args: InterAgencyMessagesArgs,
  ): Promise<InterAgencyMessageConnection> {
    const actor = await this.access.requirePortal(principal);
    const filter = args.filter ?? {};
    const first = pageSize(args);
    if (filter.environment) {
      actor.requireEnvironment(filter.environment);
    }
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw AppException.badInput([{ field: 'filter.to', message: 'Конец периода раньше начала' }]);
    }
    const after = args.after ? toPosition(args.after) : undefined;
    if (filter.messageId !== undefined) {
      return this.byMessageId(actor, filter.messageId, args, after);
    }
    const search: MessageSearch = {
      organizationId: actor.organizationId,
      environments: filter.environment ? [filter.environment] : actor.environments,
      status: filter.status,
      dataKindId: filter.dataKindId,
      from: filter.from,
      to: filter.to,
    };
    const rows = await this.messages.findPage(this.dataSource.manager, search, first, after);
    return page(rows.map(toInterAgencyMessage), first, search);
  }

  /** Stored events of messages, in time order (what the `events` field loads). */
  timeline(refs: MessageRef[]) {
    return this.messages.findEvents(this.dataSource.manager, refs);
  }

  count(search: MessageSearch): Promise<number> {
    return this.messages.count(this.dataSource.manager, search);
  }

  async subscribe(
    principal: AuthPrincipal,
    messageId?: string,
  ): Promise<AsyncIterableIterator<MessageUpdatedEvent>> {
    const actor = await this.access.requirePortal(principal);
    return this.feed.open(actor, messageId);
  }

  // A message id names at most one message per environment: the other filters still apply.
  private async byMessageId(
    actor: InterAgencyActor,
    messageId: string,
    args: InterAgencyMessagesArgs,
    after: MessagePosition | undefined,
  ): Promise<InterAgencyMessageConnection> {
    const filter = args.filter ?? {};
    const rows = await this.messages.findManyByMessageId(this.dataSource.manager, messageId);
    const matches = (row: InterAgencyMessageEntity) =>
      isVisibleTo(actor, row) &&
      (!filter.environment || row.environment === filter.environment) &&
      (!filter.status || row.status === filter.status) &&
      (!filter.dataKindId || row.dataKindId === filter.dataKindId) &&
      (!filter.from || row.createdAt >= filter.from) &&
      (!filter.to || row.createdAt < filter.to) &&
      !after;
    const nodes = rows.filter(matches).map(toInterAgencyMessage);
    return { ...page(nodes, nodes.length, null), knownTotal: nodes.length };
  }
}

function toPosition(cursor: string): MessagePosition {
  const position = decodeCursor(cursor);
  if (!/^\d{1,20}$/.test(position.id)) {
    throw AppException.badInput([{ field: 'after', message: 'Неверный курсор страницы' }]);
  }
  return position;
}

function page(
  nodes: InterAgencyMessage[],
  first: number,
  search: MessageSearch | null,
): InterAgencyMessageConnection {
  const items = nodes.slice(0, first);
  const edges = items.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: nodes.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    search,
    knownTotal: null,
  };
}
