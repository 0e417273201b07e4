import { Field, ObjectType } from '@nestjs/graphql';
import { NotificationCategory } from '../../service-events';
import { Channel } from './channel.enum';

@ObjectType({ description: 'A notification category and my choice for it.' })
export class SubscriptionOption {
  @Field(() => NotificationCategory, { description: 'The category.' })
  category!: NotificationCategory;

  @Field({
    description: 'Its area, in Russian: ЖКХ, Транспорт, Образование, Здоровье, Домашние животные.',
  })
  area!: string;

  @Field({ description: 'Its name, in Russian.' })
  title!: string;

  @Field(() => [String], { description: 'Profile fields (names as in `User`) it needs.' })
  requiredFields!: string[];

  @Field(() => [String], { description: 'Those of requiredFields my profile lacks.' })
  missingFields!: string[];

  @Field({
    description: 'Whether its SMS and e-mail copies are sent at once, even in my quiet hours.',
  })
  urgent!: boolean;

  @Field({ description: 'Whether I am subscribed.' })
  subscribed!: boolean;

  @Field(() => [Channel], { description: 'My channels (empty when not subscribed).' })
  channels!: Channel[];
}
