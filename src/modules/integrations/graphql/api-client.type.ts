import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'An OAuth client of an integrator: it gets access tokens at `POST /oauth/token` (client credentials grant).',
})
export class ApiClient {
  @Field(() => ID, { description: 'Client id (for `revokeApiClient`).' })
  id!: string;

  @Field({ description: 'What the client is for, as its creator named it.' })
  name!: string;

  @Field({ description: 'The public `client_id` to present at `POST /oauth/token`.' })
  clientId!: string;

  @Field(() => [String], {
    description:
      'What its tokens may do: `reports:read`, `reports:write` (platform clients: `events:write`, `messages:write`).',
  })
  scopes!: string[];

  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it last got a token or made a request (to the minute); null if never.',
  })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When it was revoked: its tokens stopped working at that moment. Null while active.',
  })
  revokedAt!: Date | null;
}
