import { Field, Float, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { NotificationCategory } from './notification-category.enum';
import { SubjectInput } from './subject.input';

// Validated item by item by the service (validateServiceEvent), so errors name the item index.
@InputType({ description: 'One event of a city system about a subject.' })
export class ServiceEventInput {
  @Field({ description: 'The system that emits it: 1-100 characters of `A-Za-z0-9._:-`.' })
  source!: string;

  @Field({ description: 'Its id in that system (1-200 characters); repeats update the event.' })
  externalId!: string;

  @Field(() => NotificationCategory, { description: 'What it is about (not DOCUMENTS).' })
  category!: NotificationCategory;

  @Field(() => SubjectInput, { description: 'Whom it concerns.' })
  subject!: SubjectInput;

  @Field({ description: 'Short Russian title shown to the person (1-300 characters).' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Details (up to 2000 characters).' })
  body?: string | null;

  @Field(() => Float, { nullable: true, description: 'Amount in roubles, 0 to 1 000 000 000.' })
  amount?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Status in the source system (up to 50 characters); `PAID` marks a settled fine or bill.',
  })
  status?: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it happened (not more than a day ahead).' })
  occurredAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'A date that matters: payment or discount deadline, shut-off end...',
  })
  dueAt?: Date | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Extra data: a JSON object up to 16 KiB.',
  })
  data?: unknown;
}
