import { Injectable, OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { GraphQLContext } from '../../../shared/auth';
import { LoaderSet, RequestLoaders } from '../../../shared/graphql/request-loaders';
import type { AccessGrantEntity } from '../entities/access-grant.entity';
import { AccessGrant } from '../graphql/access-grant.type';
import { MemberPerson } from '../graphql/member-person.type';
import { toAccessGrant, toOrganization } from '../graphql/organization.mapper';
import { Organization } from '../graphql/organization.type';
import { AccessGrantRepository } from '../repositories/access-grant.repository';
import { MemberPersonRepository } from '../repositories/member-person.repository';
import { MembershipRepository } from '../repositories/membership.repository';
import { OrganizationRepository } from '../repositories/organization.repository';

const ORGANIZATIONS = 'organizations.organizationForUser';
const PERSONS = 'organizations.memberPerson';
const GRANTS = 'organizations.grants';

/** Key of the organization-for-user loader: the organization and whose `myRole` to show. */
interface OrganizationForUser {
  organizationId: string;
  userId: string;
}

/**
 * Per-request batched reads behind the field resolvers: `AuthPayload.organization`,
 * `Membership.person` and `Membership.grants` each cost one query per response.
 */
@Injectable()
export class OrganizationLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly persons: MemberPersonRepository,
    private readonly grants: AccessGrantRepository,
  ) {}

  onModuleInit(): void {
    const em = () => this.dataSource.manager;
    this.loaders.register<OrganizationForUser, Organization | null>(ORGANIZATIONS, async (keys) => {
      const organizationIds = [...new Set(keys.map((k) => k.organizationId))];
      const userIds = [...new Set(keys.map((k) => k.userId))];
      const [organizations, memberships] = await Promise.all([
        this.organizations.findManyByIds(em(), organizationIds),
        this.memberships.findManyByUsersAndOrganizations(em(), userIds, organizationIds),
      ]);
      const byId = new Map(organizations.map((o) => [o.id, o]));
      const roles = new Map(memberships.map((m) => [`${m.organizationId}:${m.userId}`, m.role]));
      return keys.map((key) => {
        const organization = byId.get(key.organizationId);
        return organization
          ? toOrganization(organization, roles.get(`${key.organizationId}:${key.userId}`) ?? null)
          : null;
      });
    });
    this.loaders.register<string, MemberPerson | null>(PERSONS, async (ids) => {
      const rows = await this.persons.findManyByIds(em(), ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return row ? Object.assign(new MemberPerson(), row) : null;
      });
    });
    this.loaders.register<string, AccessGrant[]>(GRANTS, async (ids) => {
      const rows = await this.grants.findManyByMemberships(em(), ids);
      const groups = new Map<string, AccessGrantEntity[]>(ids.map((id) => [id, []]));
      rows.forEach((row) => groups.get(row.membershipId)?.push(row));
      return ids.map((id) => (groups.get(id) ?? []).map(toAccessGrant));
    });
  }

  organizationFor(
    ctx: GraphQLContext,
    organizationId: string,
    userId: string,
  ): Promise<Organization | null> {
    // Object keys: the loader caches by identity, so equal keys of one response are batched
    // but not deduplicated (harmless: one query either way).
    return this.loader<OrganizationForUser, Organization | null>(ctx, ORGANIZATIONS).load({
      organizationId,
      userId,
    });
  }

  person(ctx: GraphQLContext, userId: string): Promise<MemberPerson | null> {
    return this.loader<string, MemberPerson | null>(ctx, PERSONS).load(userId);
  }

  grantsOf(ctx: GraphQLContext, membershipId: string): Promise<AccessGrant[]> {
    const loader = this.loader<string, AccessGrant[]>(ctx, GRANTS);
    // A graphql-ws operation keeps one context: read grants afresh.
    if (ctx.transport === 'ws') {
      loader.clear(membershipId);
    }
    return loader.load(membershipId);
  }

  private loader<K, V>(ctx: GraphQLContext, name: string): DataLoader<K, V> {
    return (ctx.loaders as LoaderSet).get<K, V>(name);
  }
}
