import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { AssignDataKindNamespaceInput } from '../graphql/assign-data-kind-namespace.input';
import { AssignDataKindNamespacePayload } from '../graphql/assign-data-kind-namespace.payload';
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
      'Publishes a kind of data on an ACTIVE system of the organization, in that system’s environment; CONFLICT when namespaceUri + version exist in that environment, FORBIDDEN / NAMESPACE_OWNED when the namespace belongs to another organization. The first kind on an ACTIVE PROD system claims an unowned namespace.',
  })
  registerDataKind(
    @CurrentUser() principal: AuthPrincipal,
    @Args('input') input: RegisterDataKindInput,
  ): Promise<DataKind> {
    return this.kinds.register(principal, input);
  }

  @Mutation(() => AssignDataKindNamespacePayload, {
    description:
      'An INTER_AGENCY_OPERATOR gives a namespace URI to an organization (never their own: FORBIDDEN / OWN_ORGANIZATION_DECISION); from then on only it registers kinds and versions under the namespace.',
  })
  async assignDataKindNamespace(
    @CurrentUser() principal: AuthPrincipal,
    @Args('input') input: AssignDataKindNamespaceInput,
  ): Promise<AssignDataKindNamespacePayload> {
    return { namespace: await this.kinds.assignNamespace(principal, input) };
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
