import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { DataKindConnection } from '../graphql/data-kind.connection';
import { DataKind } from '../graphql/data-kind.type';
import { DataKindsArgs } from '../graphql/data-kinds.args';
import { InformationSystem } from '../graphql/information-system.type';
import { RegisterDataKindInput } from '../graphql/register-data-kind.input';
import { InterAgencyLoaders } from '../inter-agency.loaders';
import { InterAgencyException } from '../inter-agency.exception';
import { DataKindService } from './data-kind.service';

@Resolver(() => DataKind)
export class DataKindResolver {
  constructor(
    private readonly kinds: DataKindService,
    private readonly loaders: InterAgencyLoaders,
  ) {}

  @Query(() => DataKindConnection, {
    description: 'The catalog of kinds of data, newest first, searched by name or namespace URI.',
  })
  dataKinds(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: DataKindsArgs,
  ): Promise<DataKindConnection> {
    return this.kinds.search(principal, args);
  }

  @Mutation(() => DataKind, {
    description:
      'Publishes a kind of data on an ACTIVE system of the organization; CONFLICT when namespaceUri + version exist.',
  })
  registerDataKind(
    @CurrentUser() principal: AuthPrincipal,
    @Args('input') input: RegisterDataKindInput,
  ): Promise<DataKind> {
    return this.kinds.register(principal, input);
  }

  @ResolveField(() => InformationSystem, { description: 'The system that owns the kind of data.' })
  async ownerSystem(
    @Parent() kind: DataKind,
    @Context() ctx: GraphQLContext,
  ): Promise<InformationSystem> {
    const system = await this.loaders.system(ctx, kind.ownerSystemId);
    if (!system) {
      throw InterAgencyException.systemNotFound();
    }
    return system;
  }
}
