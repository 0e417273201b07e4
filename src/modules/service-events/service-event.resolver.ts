import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { IngestResult } from './graphql/ingest-result.type';
import { ServiceEventInput } from './graphql/service-event.input';
import { ServiceEventIngestService } from './ingest/service-event-ingest.service';

@Resolver(() => IngestResult)
export class ServiceEventResolver {
  constructor(private readonly ingestion: ServiceEventIngestService) {}

  @Mutation(() => IngestResult, {
    description:
      'For integrator clients with scope `events:write`: stores up to 1 000 events at once (all or nothing; BAD_USER_INPUT names `events[i].field`), idempotent on (source, externalId). Matching and notifications follow in a queue.',
  })
  ingestServiceEvents(
    @Args('events', { type: () => [ServiceEventInput], description: 'The events, 1 000 at most.' })
    events: ServiceEventInput[],
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<IngestResult> {
    return this.ingestion.ingest(principal, events);
  }
}
