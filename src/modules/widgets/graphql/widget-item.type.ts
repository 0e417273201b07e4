import { Field, Float, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One line of a widget: a fine, a bill, a grade, a result...' })
export class WidgetItem {
  @Field({ description: 'What it is.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Details.' })
  subtitle!: string | null;

  @Field(() => Float, { nullable: true, description: 'Amount in roubles.' })
  amount!: number | null;

  @Field(() => String, { nullable: true, description: 'Status in the source system.' })
  status!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The date that matters: payment or discount deadline, else when it happened.',
  })
  date!: Date | null;
}
