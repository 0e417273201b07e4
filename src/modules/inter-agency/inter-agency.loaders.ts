import { Injectable, OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import type { GraphQLContext } from '../../shared/auth';
import { LoaderSet, RequestLoaders } from '../../shared/graphql/request-loaders';
import { UserEntity } from '../identity';
import { MembershipEntity, MembershipStatus, OrganizationEntity } from '../organizations';
import { DataKind } from './graphql/data-kind.type';
import { InformationSystem } from './graphql/information-system.type';
import { toDataKind, toInformationSystem, toSpecialQueue } from './graphql/inter-agency.mapper';
import { MessageEvent } from './graphql/message-event.type';
import { MemberPerson, Organization, toOrganization } from './graphql/organization-refs';
import { SpecialQueue } from './graphql/special-queue.type';
import { Environment } from './inter-agency.enums';
import { DataKindRepository } from './repositories/data-kind.repository';
import { InformationSystemRepository } from './repositories/information-system.repository';
import { InterAgencyMessageRepository } from './repositories/inter-agency-message.repository';
import { SpecialQueueRepository } from './repositories/special-queue.repository';

const SYSTEMS = 'interAgency.system';
const KINDS = 'interAgency.dataKind';
const QUEUES = 'interAgency.specialQueues';
const EVENTS = 'interAgency.messageEvents';
const ORGANIZATIONS = 'interAgency.organization';
const PERSONS = 'interAgency.person';

/** Per-request batched reads behind the module's field resolvers (one query per field a response). */
@Injectable()
export class InterAgencyLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly dataSource: DataSource,
    private readonly systems: InformationSystemRepository,
    private readonly kinds: DataKindRepository,
    private readonly queues: SpecialQueueRepository,
    private readonly messages: InterAgencyMessageRepository,
  ) {}

  onModuleInit(): void {
    const em = () => this.dataSource.manager;
    this.loaders.register<string, InformationSystem | null>(SYSTEMS, async (ids) => {
      const byId = new Map((await this.systems.findManyByIds(em(), ids)).map((r) => [r.id, r]));
      return ids.map((id) => (byId.has(id) ? toInformationSystem(byId.get(id)!) : null));
    });
    this.loaders.register<string, DataKind | null>(KINDS, async (ids) => {
      const byId = new Map((await this.kinds.findManyByIds(em(), ids)).map((r) => [r.id, r]));
      return ids.map((id) => (byId.has(id) ? toDataKind(byId.get(id)!) : null));
    });
    this.loaders.register<string, SpecialQueue[]>(QUEUES, async (ids) => {
      const groups = new Map<string, SpecialQueue[]>(ids.map((id) => [id, []]));
      for (const row of await this.queues.findManyBySystems(em(), ids)) {
        groups.get(row.systemId)?.push(toSpecialQueue(row));
      }
      return ids.map((id) => groups.get(id) ?? []);
    });
    // Key: `<environment>|<message id>` (a message is identified by both).
    this.loaders.register<string, MessageEvent[]>(EVENTS, async (keys) => {
      const groups = new Map<string, MessageEvent[]>(keys.map((key) => [key, []]));
      const refs = keys.map((key) => {
        const bar = key.indexOf('|');
        return { environment: key.slice(0, bar) as Environment, messageId: key.slice(bar + 1) };
      });
      for (const row of await this.messages.findEvents(em(), refs)) {
        groups.get(`${row.environment}|${row.messageId}`)?.push(
          Object.assign(new MessageEvent(), {
            status: row.status,
            at: row.at,
            detail: row.detail,
          }),
        );
      }
      return keys.map((key) => groups.get(key) ?? []);
    });
    // Key: `<caller user id>|<organization id>`, so myRole is the caller's.
    this.loaders.register<string, Organization | null>(ORGANIZATIONS, async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const organizationIds = [...new Set(pairs.map(([, id]) => id))];
      const userIds = [...new Set(pairs.map(([userId]) => userId).filter(Boolean))];
      const [organizations, memberships] = await Promise.all([
        em().findBy(OrganizationEntity, { id: In(organizationIds) }),
        userIds.length
          ? em().findBy(MembershipEntity, {
              userId: In(userIds),
              organizationId: In(organizationIds),
              status: MembershipStatus.ACTIVE,
            })
          : Promise.resolve([]),
      ]);
      const byId = new Map(organizations.map((o) => [o.id, o]));
      const roles = new Map(memberships.map((m) => [`${m.userId}|${m.organizationId}`, m.role]));
      return keys.map((key, i) => {
        const organization = byId.get(pairs[i][1]);
        return organization ? toOrganization(organization, roles.get(key) ?? null) : null;
      });
    });
    this.loaders.register<string, MemberPerson | null>(PERSONS, async (ids) => {
      const rows = await em().find(UserEntity, {
        select: { id: true, lastName: true, firstName: true, middleName: true },
        where: { id: In([...ids]) },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return row
          ? Object.assign(new MemberPerson(), {
              id: row.id,
              lastName: row.lastName,
              firstName: row.firstName,
              middleName: row.middleName,
            })
          : null;
      });
    });
  }

  system(ctx: GraphQLContext, id: string): Promise<InformationSystem | null> {
    return this.loader<InformationSystem | null>(ctx, SYSTEMS).load(id);
  }

  dataKind(ctx: GraphQLContext, id: string): Promise<DataKind | null> {
    return this.loader<DataKind | null>(ctx, KINDS).load(id);
  }

  specialQueues(ctx: GraphQLContext, systemId: string): Promise<SpecialQueue[]> {
    return this.fresh<SpecialQueue[]>(ctx, QUEUES, systemId);
  }

  events(
    ctx: GraphQLContext,
    environment: Environment,
    messageId: string,
  ): Promise<MessageEvent[]> {
    return this.fresh<MessageEvent[]>(ctx, EVENTS, `${environment}|${messageId}`);
  }

  organization(ctx: GraphQLContext, organizationId: string): Promise<Organization | null> {
    const userId = ctx.req.user?.userId ?? '';
    return this.loader<Organization | null>(ctx, ORGANIZATIONS).load(`${userId}|${organizationId}`);
  }

  person(ctx: GraphQLContext, userId: string): Promise<MemberPerson | null> {
    return this.loader<MemberPerson | null>(ctx, PERSONS).load(userId);
  }

  // A graphql-ws subscription keeps one context for all its events: read changing data afresh.
  private fresh<V>(ctx: GraphQLContext, name: string, key: string): Promise<V> {
    const loader = this.loader<V>(ctx, name);
    if (ctx.transport === 'ws') {
      loader.clear(key);
    }
    return loader.load(key);
  }

  private loader<V>(ctx: GraphQLContext, name: string): DataLoader<string, V> {
    return (ctx.loaders as LoaderSet).get<string, V>(name);
  }
}
