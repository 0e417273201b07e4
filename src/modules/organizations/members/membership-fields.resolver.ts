import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../../shared/auth';
import { OrganizationLoaders } from '../context/organization-loaders.service';
import { AccessGrant } from '../graphql/access-grant.type';
import { MemberPerson } from '../graphql/member-person.type';
import { Membership } from '../graphql/membership.type';

@Resolver(() => Membership)
export class MembershipFieldsResolver {
  constructor(private readonly loaders: OrganizationLoaders) {}

  @ResolveField(() => MemberPerson, { description: 'The member’s names.' })
  async person(
    @Parent() membership: Membership,
    @Context() ctx: GraphQLContext,
  ): Promise<MemberPerson> {
    const person = await this.loaders.person(ctx, membership.userId);
    if (!person) {
      throw new Error(`Membership ${membership.id} has no account`);
    }
    return person;
  }

  @ResolveField(() => [AccessGrant], {
    description: 'The member’s grants, expired ones included (compare `expiresAt`).',
  })
  grants(@Parent() membership: Membership, @Context() ctx: GraphQLContext): Promise<AccessGrant[]> {
    return this.loaders.grantsOf(ctx, membership.id);
  }
}
