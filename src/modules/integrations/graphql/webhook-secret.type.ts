import { Field, ObjectType } from '@nestjs/graphql';
import { Webhook } from './webhook.type';

@ObjectType({ description: 'A new webhook with its signing secret, shown this once only.' })
export class WebhookSecret {
  @Field(() => Webhook, { description: 'The webhook created.' })
  webhook!: Webhook;

  @Field({
    description:
      'The HMAC-SHA256 key (its UTF-8 bytes) of `X-Kabinet-Signature`: store it now, it cannot be shown again.',
  })
  signingSecret!: string;
}
