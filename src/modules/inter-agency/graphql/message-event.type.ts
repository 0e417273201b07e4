import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { MessageStatus } from '../inter-agency.enums';

@ObjectType({ description: 'One status event of a message.' })
export class MessageEvent {
  @Field(() => MessageStatus, { description: 'The status the message reached.' })
  status!: MessageStatus;

  @Field(() => GraphQLISODateTime, { description: 'When (as reported by the exchange).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Details, e.g. an error text.' })
  detail!: string | null;
}
