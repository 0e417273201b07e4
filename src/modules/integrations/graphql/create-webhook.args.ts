import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsEnum, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_URL_MAX } from '../webhooks/webhook-target';
import { WebhookEvent } from './webhook-event.enum';

/** Arguments of `createWebhook`. */
@ArgsType()
export class CreateWebhookArgs {
  @Field({
    description:
      'An https URL on a public address (at most 2048 characters); plain http only to hosts in WEBHOOK_ALLOWED_HOSTS.',
  })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX, { message: `Адрес — не длиннее ${WEBHOOK_URL_MAX} символов` })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events to deliver.' })
  @ArrayNotEmpty({ message: 'Укажите хотя бы одно событие' })
  @ArrayMaxSize(20)
  @IsEnum(WebhookEvent, { each: true })
  events!: WebhookEvent[];
}
