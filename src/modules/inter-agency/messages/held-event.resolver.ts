import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { HeldMessageEvent } from '../graphql/held-message-event.type';
import { HeldMessageEventsArgs } from '../graphql/held-message-events.args';
import { MessageIngestService } from './message-ingest.service';

@Resolver(() => HeldMessageEvent)
export class HeldEventResolver {
  constructor(private readonly ingest: MessageIngestService) {}

  @Query(() => [HeldMessageEvent], {
    description:
      'INTER_AGENCY_OPERATOR only: message events held aside because a mnemonic names no ACTIVE system, oldest first (at most 200). They are re-attributed when that system becomes ACTIVE.',
  })
  heldInterAgencyMessageEvents(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: HeldMessageEventsArgs,
  ): Promise<HeldMessageEvent[]> {
    return this.ingest.listHeld(principal, args.environment);
  }
}
