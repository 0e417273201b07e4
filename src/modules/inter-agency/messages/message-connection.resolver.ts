import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InterAgencyMessageConnection } from '../graphql/inter-agency-message.connection';
import { MessageQueryService } from './message-query.service';

@Resolver(() => InterAgencyMessageConnection)
export class MessageConnectionResolver {
  constructor(private readonly query: MessageQueryService) {}

  @ResolveField(() => Int, {
    description: 'How many messages match; counted only when asked for.',
  })
  totalCount(@Parent() connection: InterAgencyMessageConnection): Promise<number> {
    if (connection.knownTotal !== null || !connection.search) {
      return Promise.resolve(connection.knownTotal ?? 0);
    }
    return this.query.count(connection.search);
  }
}
