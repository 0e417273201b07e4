import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { NotificationCategory } from '../../service-events';
import { Channel } from './channel.enum';

@ArgsType()
export class SubscribeArgs {
  @Field(() => NotificationCategory, { description: 'The category.' })
  @IsEnum(NotificationCategory)
  category!: NotificationCategory;

  @Field(() => [Channel], {
    nullable: true,
    description: 'Channels besides IN_APP, which is always included. Default: IN_APP only.',
  })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(Channel, { each: true })
  channels?: Channel[] | null;
}

@ArgsType()
export class UnsubscribeArgs {
  @Field(() => NotificationCategory, { description: 'The category.' })
  @IsEnum(NotificationCategory)
  category!: NotificationCategory;
}
