import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { WebhookEvent } from './webhook-event.enum';

@ObjectType({
  description:
    'A subscription of the organization to events, delivered as signed JSON POSTs to its URL (`X-Kabinet-Signature: sha256=<hex HMAC-SHA256 of the body>`).',
})
export class Webhook {
  @Field(() => ID, { description: 'Webhook id.' })
  id!: string;

  @Field({ description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events delivered.' })
  events!: WebhookEvent[];

  @Field(() => GraphQLISODateTime, { description: 'When it was created.' })
  createdAt!: Date;
}
