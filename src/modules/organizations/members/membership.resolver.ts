import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { PaginationArgs } from '../../../shared/graphql/connection';
import { AddEmployeeInput } from '../graphql/add-employee.input';
import { MembershipConnection } from '../graphql/membership.connection';
import { MembershipIdArgs } from '../graphql/membership-id.args';
import { Membership } from '../graphql/membership.type';
import { MembershipService } from './membership.service';

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(private readonly members: MembershipService) {}

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
      'Adds an existing account (by verified SNILS or phone) to the current organization (HEAD and ADMIN; a HEAD only by a HEAD). A taken personnel number is CONFLICT.',
  })
  addEmployee(
    @Args('input') input: AddEmployeeInput,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<Membership> {
    return this.members.add(principal, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a member and their grants (HEAD and ADMIN; a HEAD only by a HEAD). The last HEAD cannot be removed (CONFLICT).',
  })
  async removeEmployee(
    @Args() args: MembershipIdArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    await this.members.remove(principal, args.membershipId);
    return true;
  }
}
