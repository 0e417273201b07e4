import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A special queue of an information system.' })
export class SpecialQueue {
  @Field(() => ID, { description: 'The queue id.' })
  id!: string;

  @Field({ description: 'The queue name, unique within its system.' })
  name!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the queue was added.' })
  createdAt!: Date;
}
