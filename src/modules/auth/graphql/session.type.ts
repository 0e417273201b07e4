import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

/** A signed-in device of the account. */
@ObjectType({ description: 'A signed-in device of the account.' })
export class Session {
  @Field(() => ID, { description: 'Session id (for `revokeSession`).' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it signed in.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, {
    description: 'When its tokens were last issued or refreshed.',
  })
  lastUsedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Browser or app, as it introduced itself.' })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'IP address it last refreshed from.' })
  ip!: string | null;

  @Field({ description: 'Whether this is the session making the request.' })
  current!: boolean;
}
