import { Injectable, OnModuleInit } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { GraphQLContext } from '../../shared/auth';
import { FederatedIdentityRepository } from '../identity';
import { LoaderSet, RequestLoaders } from '../../shared/graphql/request-loaders';
import type { ChildEntity } from '../identity';
import type { IdentityDocumentEntity } from '../identity';
import type { UserProfileEntity } from './entities/user-profile.entity';
import type { VehicleEntity } from './entities/vehicle.entity';
import { ChildRepository } from '../identity';
import { IdentityDocumentRepository } from '../identity';
import { UserProfileRepository } from './repositories/user-profile.repository';
import { VehicleRepository } from './repositories/vehicle.repository';

const PROFILES = 'profile.profiles';
const DOCUMENTS = 'profile.documents';
const VEHICLES = 'profile.vehicles';
const CHILDREN = 'profile.children';
const TRUSTED = 'profile.trustedFederatedLogin';

function groupBy<T>(keys: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  rows.forEach((row) => groups.get(key(row))?.push(row));
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * Per-request batched reads of the profile's data for `User` field resolvers: every user of a
 * response costs one query per table, not one per field.
 */
@Injectable()
export class ProfileReader implements OnModuleInit {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly dataSource: DataSource,
    private readonly profiles: UserProfileRepository,
    private readonly documents: IdentityDocumentRepository,
    private readonly vehicles: VehicleRepository,
    private readonly children: ChildRepository,
    private readonly federatedIdentities: FederatedIdentityRepository,
  ) {}

  onModuleInit(): void {
    const em = () => this.dataSource.manager;
    this.loaders.register<string, UserProfileEntity | null>(PROFILES, async (ids) => {
      const rows = await this.profiles.findManyByUserIds(em(), ids);
      return groupBy(ids, rows, (r) => r.userId).map((g) => g[0] ?? null);
    });
    this.loaders.register<string, IdentityDocumentEntity[]>(DOCUMENTS, async (ids) =>
      groupBy(ids, await this.documents.findRelevantByUserIds(em(), ids), (r) => r.userId),
    );
    this.loaders.register<string, VehicleEntity[]>(VEHICLES, async (ids) =>
      groupBy(ids, await this.vehicles.findManyByUserIds(em(), ids), (r) => r.userId),
    );
    this.loaders.register<string, ChildEntity[]>(CHILDREN, async (ids) =>
      groupBy(ids, await this.children.findManyByParentIds(em(), ids), (r) => r.parentUserId),
    );
    this.loaders.register<string, boolean>(TRUSTED, async (ids) => {
      const trusted = await this.federatedIdentities.trustedUserIds(em(), ids);
      return ids.map((id) => trusted.has(id));
    });
  }

  profile(ctx: GraphQLContext, userId: string): Promise<UserProfileEntity | null> {
    return this.load<UserProfileEntity | null>(ctx, PROFILES, userId);
  }

  documentsOf(ctx: GraphQLContext, userId: string): Promise<IdentityDocumentEntity[]> {
    return this.load<IdentityDocumentEntity[]>(ctx, DOCUMENTS, userId);
  }

  vehiclesOf(ctx: GraphQLContext, userId: string): Promise<VehicleEntity[]> {
    return this.load<VehicleEntity[]>(ctx, VEHICLES, userId);
  }

  childrenOf(ctx: GraphQLContext, userId: string): Promise<ChildEntity[]> {
    return this.load<ChildEntity[]>(ctx, CHILDREN, userId);
  }

  /** Whether the user signed in through a trusted identity provider at least once. */
  trustedFederatedLogin(ctx: GraphQLContext, userId: string): Promise<boolean> {
    return this.load<boolean>(ctx, TRUSTED, userId);
  }

  private load<V>(ctx: GraphQLContext, name: string, userId: string): Promise<V> {
    const loader: DataLoader<string, V> = (ctx.loaders as LoaderSet).get<string, V>(name);
    // A graphql-ws subscription keeps one context for all its events: each event reads afresh.
    if (ctx.transport === 'ws') {
      loader.clear(userId);
    }
    return loader.load(userId);
  }
}
