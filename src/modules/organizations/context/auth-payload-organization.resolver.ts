import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../../shared/auth';
import { AuthPayload } from '../../auth';
import { Organization } from '../graphql/organization.type';
import { OrganizationLoaders } from './organization-loaders.service';

/** The contract's `AuthPayload.organization`: the new session's organization context. */
@Resolver(() => AuthPayload)
export class AuthPayloadOrganizationResolver {
  constructor(private readonly loaders: OrganizationLoaders) {}

  @ResolveField(() => Organization, {
    nullable: true,
    description: 'The organization the session acts for; null in an individual’s session.',
  })
  organization(
    @Parent() payload: AuthPayload,
    @Context() ctx: GraphQLContext,
  ): Promise<Organization | null> {
    if (!payload.organizationId) {
      return Promise.resolve(null);
    }
    return this.loaders.organizationFor(ctx, payload.organizationId, payload.user.id);
  }
}
