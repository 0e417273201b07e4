import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'How long a report submitted now would wait: the queue of reports to check, shared by every organization.',
})
export class ReportQueueState {
  @Field(() => Int, { description: 'Reports waiting to be checked (retries included).' })
  waiting!: number;

  @Field(() => Float, { description: 'Reports finished per second over the last minute.' })
  processingRate!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'waiting / processingRate, rounded up; 0 with nothing waiting; null when reports wait but none finished in the last minute.',
  })
  estimatedWaitSeconds!: number | null;
}
