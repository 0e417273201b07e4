import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { AccessGrant } from '../graphql/access-grant.type';
import { GrantAccessArgs } from '../graphql/grant-access.args';
import { GrantIdArgs } from '../graphql/grant-id.args';
import { AccessGrantService } from './access-grant.service';

@Resolver(() => AccessGrant)
export class AccessGrantResolver {
  constructor(private readonly grants: AccessGrantService) {}

  @Mutation(() => AccessGrant, {
    description:
      'Opens a system to a member of the current organization until `expiresAt` (HEAD and ADMIN); granting it again renews it.',
  })
  grantAccess(
    @Args() args: GrantAccessArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<AccessGrant> {
    return this.grants.grant(principal, args.membershipId, args.system, args.expiresAt ?? null);
  }

  @Mutation(() => Boolean, { description: 'Ends a grant at once (HEAD and ADMIN).' })
  async revokeAccess(
    @Args() args: GrantIdArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    await this.grants.revoke(principal, args.grantId);
    return true;
  }
}
