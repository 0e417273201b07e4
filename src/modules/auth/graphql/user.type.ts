import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../../shared/graphql/date.scalar';
import { AccessLevel } from './access-level.enum';

/** A person's account. The profile module adds documents, vehicles, children… by @ResolveField. */
@ObjectType({ description: 'A person’s account and profile.' })
export class User {
  @Field(() => ID, { description: 'Account id.' })
  id!: string;

  @Field({ description: 'Surname.' })
  lastName!: string;

  @Field({ description: 'Given name.' })
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'Patronymic, when the person has one.' })
  middleName!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of birth.' })
  birthDate!: string | null;

  @Field({ description: 'Mobile phone in E.164 (`+79161234567`); confirmed at registration.' })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'E-mail, lowercased.' })
  email!: string | null;

  @Field({
    description:
      'Whether `email` was confirmed by a code sent to it (`requestEmailChange` / `confirmEmailChange`). Only a confirmed address is a login and a recovery channel.',
  })
  emailConfirmed!: boolean;

  @Field(() => AccessLevel, {
    description:
      'How far the identity is confirmed: BASIC after registration, STANDARD with a verified SNILS, FULL with SNILS and passport verified.',
  })
  accessLevel!: AccessLevel;

  @Field(() => GraphQLISODateTime, { description: 'When the account was registered.' })
  createdAt!: Date;
}
