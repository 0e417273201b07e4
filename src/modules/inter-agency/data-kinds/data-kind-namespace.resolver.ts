import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../../shared/auth';
import { DataKindNamespace } from '../graphql/data-kind-namespace.type';
import { Organization } from '../graphql/organization-refs';
import { InterAgencyLoaders } from '../inter-agency.loaders';
import { InterAgencyException } from '../inter-agency.exception';

@Resolver(() => DataKindNamespace)
export class DataKindNamespaceResolver {
  constructor(private readonly loaders: InterAgencyLoaders) {}

  @ResolveField(() => Organization, { description: 'The organization owning the namespace.' })
  async organization(
    @Parent() namespace: DataKindNamespace,
    @Context() ctx: GraphQLContext,
  ): Promise<Organization> {
    const organization = await this.loaders.organization(ctx, namespace.organizationId);
    if (!organization) {
      throw InterAgencyException.systemNotFound();
    }
    return organization;
  }
}
