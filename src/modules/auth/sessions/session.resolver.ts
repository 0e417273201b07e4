import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { accountOwnerId } from '../../identity';
import { RevokeSessionArgs } from '../graphql/revoke-session.args';
import { Session } from '../graphql/session.type';
import { SessionService } from './session.service';

@Resolver(() => Session)
export class SessionResolver {
  constructor(private readonly sessionService: SessionService) {}

  @Query(() => [Session], { description: 'The account’s signed-in devices, most recent first.' })
  sessions(@CurrentUser() principal: AuthPrincipal): Promise<Session[]> {
    return this.sessionService.list(accountOwnerId(principal), principal.sessionId);
  }

  @Mutation(() => Boolean, {
    description: 'Ends the current session: its refresh and access tokens stop working at once.',
  })
  async logout(@CurrentUser() principal: AuthPrincipal): Promise<boolean> {
    await this.sessionService.endCurrent(principal);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Ends one of the account’s sessions (NOT_FOUND for an id that is not the caller’s).',
  })
  async revokeSession(
    @Args() args: RevokeSessionArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    await this.sessionService.revoke(accountOwnerId(principal), args.sessionId);
    return true;
  }
}
