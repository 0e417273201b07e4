import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const DELIVERIES_DEFAULT = 20;
export const DELIVERIES_MAX = 100;

/** Arguments of `webhookDeliveries`. */
@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID, { description: 'One of the ids `webhooks` lists.' })
  @IsUUID()
  webhookId!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'How many, newest first: 1 to 100, default 20.',
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'Можно запросить от 1 до 100 доставок' })
  @Max(DELIVERIES_MAX, { message: 'Можно запросить от 1 до 100 доставок' })
  first?: number;
}
