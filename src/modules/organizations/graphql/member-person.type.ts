import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The person behind a membership: names only.' })
export class MemberPerson {
  @Field(() => ID, { description: 'The person’s account id.' })
  id!: string;

  @Field({ description: 'Surname.' })
  lastName!: string;

  @Field({ description: 'Given name.' })
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'Patronymic, when the person has one.' })
  middleName!: string | null;
}
