import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A service request of the person (e.g. a document check).' })
export class Application {
  @Field(() => ID, { description: 'Application id.' })
  id!: string;

  @Field({ description: 'What kind of request (`SNILS_CHECK`, `PASSPORT_CHECK`).' })
  kind!: string;

  @Field({ description: 'Title in Russian.' })
  title!: string;

  @Field({ description: 'Current status (for document checks: the VerificationStatus).' })
  status!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was filed.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When its status last changed.' })
  updatedAt!: Date;
}
