import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { PaginationArgs } from '../../../shared/graphql/connection';
import { AddEmployeeInput } from '../graphql/add-employee.input';
import { MembershipConnection } from '../graphql/membership.connection';
import { MembershipIdArgs } from '../graphql/membership-id.args';
import { Membership } from '../graphql/membership.type';
import { InvitationService } from './invitation.service';
import { MembershipService } from './membership.service';

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(
    private readonly members: MembershipService,
    private readonly invitations: InvitationService,
  ) {}

  @Query(() => MembershipConnection, {
    description: 'Members of the current organization, newest first (HEAD and ADMIN).',
  })
  organizationMembers(
    @Args() args: PaginationArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<MembershipConnection> {
    return this.members.page(principal, args);
  }

  @Mutation(() => Membership, {
    description:
      'Invites an existing account (by verified SNILS or phone) to the current organization (HEAD and ADMIN; a HEAD only by a HEAD): an INVITED membership without the person’s name until they accept; 14 days to answer; ORGANIZATION_INVITATIONS_PER_DAY per organization (RATE_LIMITED). A taken personnel number is CONFLICT.',
  })
  addEmployee(
    @Args('input') input: AddEmployeeInput,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Membership> {
    return this.invitations.invite(principal, input);
  }

  @Query(() => [Membership], {
    description: 'Invitations to organizations waiting for my answer (not lapsed), newest first.',
  })
  myInvitations(@CurrentUser() principal: AuthPrincipal): Promise<Membership[]> {
    return this.invitations.mine(principal);
  }

  @Mutation(() => Membership, {
    description:
      'Accepts my invitation: the membership becomes ACTIVE. NOT_FOUND for anybody else’s; CONFLICT when already answered or lapsed.',
  })
  acceptMembership(
    @Args() args: MembershipIdArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Membership> {
    return this.invitations.accept(principal, args.membershipId);
  }

  @Mutation(() => Boolean, {
    description:
      'Declines my invitation: the organization sees DECLINED and may invite again. NOT_FOUND for anybody else’s; CONFLICT when already answered or lapsed.',
  })
  async declineMembership(
    @Args() args: MembershipIdArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    await this.invitations.decline(principal, args.membershipId);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a member or an invitation, and the grants (HEAD and ADMIN; a HEAD only by a HEAD). The last ACTIVE HEAD cannot be removed (CONFLICT), even when an invited HEAD waits.',
  })
  async removeEmployee(
    @Args() args: MembershipIdArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    await this.members.remove(principal, args.membershipId);
    return true;
  }
}
