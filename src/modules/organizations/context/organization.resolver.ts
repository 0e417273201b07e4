import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { AuthPayload, CurrentClient } from '../../auth';
import type { ClientInfo } from '../../auth';
import { OrganizationIdArgs } from '../graphql/organization-id.args';
import { Organization } from '../graphql/organization.type';
import { OrganizationContextService } from './organization-context.service';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly context: OrganizationContextService) {}

  @Query(() => [Organization], { description: 'The organizations the account is a member of.' })
  myOrganizations(@CurrentUser() principal: AuthPrincipal): Promise<Organization[]> {
    return this.context.mine(principal);
  }

  @Query(() => Organization, {
    description:
      'The organization of the session; ORGANIZATION_CONTEXT_REQUIRED in an individual’s session.',
  })
  currentOrganization(@CurrentUser() principal: AuthPrincipal): Promise<Organization> {
    return this.context.current(principal);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Switches to one of `myOrganizations`: new tokens carrying it, the current session ended. NOT_FOUND for any other id.',
  })
  selectOrganization(
    @Args() args: OrganizationIdArgs,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.context.select(principal, args.organizationId, client);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Switches the session back from its organization to the person’s own account: new tokens without an organization, the current session ended (as selectOrganization). CONFLICT / NOT_IN_ORGANIZATION_CONTEXT in an individual’s session.',
  })
  leaveOrganizationContext(
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.context.leave(principal, client);
  }
}
