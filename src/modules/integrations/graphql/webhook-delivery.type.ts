import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { WebhookEvent } from './webhook-event.enum';

@ObjectType({ description: 'One event sent to a webhook, with the outcome of its attempts.' })
export class WebhookDelivery {
  @Field(() => ID, {
    description: 'Delivery id, also sent as `X-Kabinet-Delivery` and `deliveryId`.',
  })
  id!: string;

  @Field(() => WebhookEvent, { description: 'The event delivered.' })
  event!: WebhookEvent;

  @Field({
    description:
      'PENDING (waiting for an attempt or a retry), DELIVERED (the receiver answered 2xx) or FAILED (all 8 attempts failed, or the webhook was deleted).',
  })
  status!: string;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'HTTP status of the last answer; null when no answer came (timeout, refused).',
  })
  responseStatus!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed; null after a successful one.',
  })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the event happened and was queued.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the last attempt was made.',
  })
  lastAttemptAt!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the receiver accepted it.',
  })
  deliveredAt!: Date | null;
}
