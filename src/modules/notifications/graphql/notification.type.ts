import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { NotificationCategory } from '../../service-events';

@ObjectType({ description: 'A notification in my inbox.' })
export class Notification {
  @Field(() => ID, { description: 'Its id.' })
  id!: string;

  @Field(() => NotificationCategory, { description: 'What it is about.' })
  category!: NotificationCategory;

  @Field({ description: 'Title, in Russian.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Details, in Russian.' })
  body!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it arrived.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When I read it.' })
  readAt!: Date | null;
}
