import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { OrganizationLoaders } from '../context/organization-loaders.service';
import { AccessGrant } from '../graphql/access-grant.type';
import { MemberPerson } from '../graphql/member-person.type';
import { Membership } from '../graphql/membership.type';
import { Organization } from '../graphql/organization.type';
import { MembershipStatus } from '../organization.enums';

@Resolver(() => Membership)
export class MembershipFieldsResolver {
  constructor(private readonly loaders: OrganizationLoaders) {}

  @ResolveField(() => MemberPerson, {
    description:
      'The member’s names. Until the person accepts the invitation (status other than ACTIVE) nothing of the account shows: `id` is the membership id, `lastName` and `firstName` are empty, `middleName` null; show `invitedAs` instead.',
  })
  async person(
    @Parent() membership: Membership,
    @Context() ctx: GraphQLContext,
  ): Promise<MemberPerson> {
    if (membership.status !== MembershipStatus.ACTIVE) {
      // The contract keeps `person` non-null; an invitation must not confirm whose account the
      // typed phone or SNILS is, so not even the account id shows.
      return Object.assign(new MemberPerson(), {
        id: membership.id,
        lastName: '',
        firstName: '',
        middleName: null,
      });
    }
    const person = await this.loaders.person(ctx, membership.userId);
    if (!person) {
      throw new Error(`Membership ${membership.id} has no account`);
    }
    return person;
  }

  @ResolveField(() => Organization, {
    description:
      'The organization (for an invitation: who invites). `myRole` is the caller’s ACTIVE role in it, null for an invitee until they accept.',
  })
  async organization(
    @Parent() membership: Membership,
    @Context() ctx: GraphQLContext,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Organization> {
    const organization = await this.loaders.organizationFor(
      ctx,
      membership.organizationId,
      principal.userId ?? '',
    );
    if (!organization) {
      throw new Error(`Membership ${membership.id} has no organization`);
    }
    return organization;
  }

  @ResolveField(() => [AccessGrant], {
    description: 'The member’s grants, expired ones included (compare `expiresAt`).',
  })
  grants(@Parent() membership: Membership, @Context() ctx: GraphQLContext): Promise<AccessGrant[]> {
    return this.loaders.grantsOf(ctx, membership.id);
  }
}
