import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'A person appointed by the organization to work on its TEST environment for a developer organization.',
})
export class DeveloperRepresentative {
  @Field(() => ID, { description: 'The appointment id.' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the person was appointed.' })
  createdAt!: Date;

  userId!: string;
  developerOrganizationId!: string;
}
