import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { DataKind } from '../graphql/data-kind.type';
import { InformationSystem } from '../graphql/information-system.type';
import { InterAgencyMessage } from '../graphql/inter-agency-message.type';
import { InterAgencyMessageConnection } from '../graphql/inter-agency-message.connection';
import { InterAgencyMessagesArgs } from '../graphql/inter-agency-messages.args';
import { MessageEvent } from '../graphql/message-event.type';
import { MessageIdArgs } from '../graphql/message-id.args';
import { OptionalMessageIdArgs } from '../graphql/optional-message-id.args';
import { RecordMessageEventsArgs } from '../graphql/record-message-events.args';
import { InterAgencyLoaders } from '../inter-agency.loaders';
import { InterAgencyException } from '../inter-agency.exception';
import { MessageUpdatedEvent } from './message-feed';
import { MessageIngestService } from './message-ingest.service';
import { MessageQueryService } from './message-query.service';

@Resolver(() => InterAgencyMessage)
export class MessageResolver {
  constructor(
    private readonly ingest: MessageIngestService,
    private readonly query: MessageQueryService,
    private readonly loaders: InterAgencyLoaders,
  ) {}

  @Query(() => InterAgencyMessage, {
    nullable: true,
    description:
      'One message and its timeline ("where is my request"); null unless the organization is its consumer or provider.',
  })
  interAgencyMessage(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: MessageIdArgs,
  ): Promise<InterAgencyMessage | null> {
    return this.query.findOne(principal, args.messageId);
  }

  @Query(() => InterAgencyMessageConnection, {
    description: 'The organization’s messages (as consumer or provider), newest first, filtered.',
  })
  interAgencyMessages(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: InterAgencyMessagesArgs,
  ): Promise<InterAgencyMessageConnection> {
    return this.query.search(principal, args);
  }

  @Mutation(() => Int, {
    description:
      'Platform clients with scope messages:write: up to 1 000 status events in any order; answers how many new events were stored (repeats of (messageId, status, at) are not counted).',
  })
  recordInterAgencyMessageEvents(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: RecordMessageEventsArgs,
  ): Promise<number> {
    return this.ingest.record(principal, args.events);
  }

  @Subscription(() => InterAgencyMessage, {
    description:
      'Changes of the organization’s messages (as consumer or provider), optionally of one message.',
  })
  interAgencyMessageUpdated(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: OptionalMessageIdArgs,
  ): Promise<AsyncIterableIterator<MessageUpdatedEvent>> {
    return this.query.subscribe(principal, args.messageId);
  }

  @ResolveField(() => DataKind, { description: 'The kind of data exchanged.' })
  async dataKind(
    @Parent() message: InterAgencyMessage,
    @Context() ctx: GraphQLContext,
  ): Promise<DataKind> {
    const kind = await this.loaders.dataKind(ctx, message.dataKindId);
    if (!kind) {
      throw InterAgencyException.dataKindNotFound();
    }
    return kind;
  }

  @ResolveField(() => InformationSystem, { description: 'The consumer’s system.' })
  async consumerSystem(
    @Parent() message: InterAgencyMessage,
    @Context() ctx: GraphQLContext,
  ): Promise<InformationSystem> {
    const system = await this.loaders.system(ctx, message.consumerSystemId);
    if (!system) {
      throw InterAgencyException.systemNotFound();
    }
    return system;
  }

  @ResolveField(() => InformationSystem, {
    nullable: true,
    description: 'The provider’s system, once an event named it.',
  })
  providerSystem(
    @Parent() message: InterAgencyMessage,
    @Context() ctx: GraphQLContext,
  ): Promise<InformationSystem | null> {
    return message.providerSystemId
      ? this.loaders.system(ctx, message.providerSystemId)
      : Promise.resolve(null);
  }

  @ResolveField(() => [MessageEvent], { description: 'Every event, in time order.' })
  events(
    @Parent() message: InterAgencyMessage,
    @Context() ctx: GraphQLContext,
  ): Promise<MessageEvent[]> {
    return this.loaders.events(ctx, message.environment, message.messageId);
  }
}
