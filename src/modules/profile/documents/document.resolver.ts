import { Args, Mutation, Resolver, Subscription } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { PubSubEngine } from 'graphql-subscriptions';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal, GraphQLContext } from '../../../shared/auth';
import { PUB_SUB } from '../../../core/pubsub/pubsub.module';
import { CurrentClient, User } from '../../auth';
import { accountOwnerId } from '../../identity';
import type { ClientInfo } from '../../auth';
import { documentStatusChannel, DocumentStatusMessage } from '../events/document-status.events';
import { PassportDocument } from '../graphql/passport-document.type';
import { PassportInput } from '../graphql/passport.input';
import { SnilsDocument } from '../graphql/snils-document.type';
import { DocumentSubmissionService } from './document-submission.service';
import { toPassportDocument, toSnilsDocument } from './document.mapper';

// Through Redis the account arrives as JSON: dates come back as strings.
function revive(message: DocumentStatusMessage): User {
  const user = message.documentStatusChanged;
  return Object.assign(new User(), user, { createdAt: new Date(user.createdAt) });
}

@Resolver(() => SnilsDocument)
export class DocumentResolver {
  constructor(
    private readonly submissions: DocumentSubmissionService,
    @Inject(PUB_SUB) private readonly pubSub: PubSubEngine,
  ) {}

  @Mutation(() => SnilsDocument, {
    description:
      'Submits a SNILS for a registry check; answers PENDING at once (documentStatusChanged tells the outcome). Needs lastName, firstName and birthDate.',
  })
  async submitSnils(
    @Args('number', { description: 'SNILS, with or without separators.' }) number: string,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<SnilsDocument> {
    const document = await this.submissions.submitSnils(principal, number, client.ip ?? undefined);
    return toSnilsDocument(document);
  }

  @Mutation(() => PassportDocument, {
    description: 'Submits a passport for a registry check; answers PENDING at once.',
  })
  async submitPassport(
    @Args('input') input: PassportInput,
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<PassportDocument> {
    const document = await this.submissions.submitPassport(
      principal,
      input,
      client.ip ?? undefined,
    );
    return toPassportDocument(document);
  }

  @Subscription(() => User, {
    description: 'My account each time one of my documents changes status.',
    filter: (payload: DocumentStatusMessage, _args: unknown, ctx: GraphQLContext) =>
      payload.documentStatusChanged.id === (ctx.req?.user?.userId ?? ctx.principal?.userId),
    resolve: revive,
  })
  documentStatusChanged(@CurrentUser() principal: AuthPrincipal): AsyncIterator<unknown> {
    return this.pubSub.asyncIterableIterator(documentStatusChannel(accountOwnerId(principal)));
  }
}
