import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import { LinkProofFields } from './link-fields';

@ObjectType({ description: 'A child of the person.' })
export class Child extends LinkProofFields {
  @Field(() => ID, { description: 'Child id.' })
  id!: string;

  @Field({ description: 'Surname.' })
  lastName!: string;

  @Field({ description: 'Given name.' })
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'Patronymic.' })
  middleName!: string | null;

  @Field(() => DateScalar, { description: 'Date of birth.' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'SNILS as `123-456-789 64`.' })
  snils!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'School login: the child signs in with it and the parent’s password.',
  })
  schoolLogin!: string | null;
}
