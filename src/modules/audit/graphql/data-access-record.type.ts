import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One access to the person’s data: who, what, when and why.' })
export class DataAccessRecord {
  @Field(() => ID, { description: 'Record id.' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the data was accessed.' })
  at!: Date;

  /** Keyset position (same as `at`). */
  createdAt!: Date;

  @Field({ description: 'Who, readably («Вы», «Реестр СНИЛС», an organization’s employee…).' })
  actor!: string;

  @Field({ description: 'READ, UPDATE or CHECK.' })
  action!: string;

  @Field(() => [String], { description: 'Field names of `User` that were accessed.' })
  fields!: string[];

  @Field(() => String, { nullable: true, description: 'Why, when stated.' })
  purpose!: string | null;
}
