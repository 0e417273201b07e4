import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Environment, RegistrationStatus } from '../inter-agency.enums';
import { RegistrationReviewFlag } from './registration-review-flag.type';

@ObjectType({ description: 'An organization’s information system in the exchange network.' })
export class InformationSystem {
  @Field(() => ID, { description: 'The system id.' })
  id!: string;

  @Field({
    description:
      'Mnemonic: latin letters, digits and `_`, 3–50 characters; owned by its system once ACTIVE (unique per environment).',
  })
  mnemonic!: string;

  @Field({ description: 'Name of the system.' })
  name!: string;

  @Field(() => Environment, { description: 'The environment it is registered in.' })
  environment!: Environment;

  @Field(() => RegistrationStatus, { description: 'Where its registration is.' })
  status!: RegistrationStatus;

  @Field(() => GraphQLISODateTime, { description: 'When it was registered.' })
  createdAt!: Date;

  @Field(() => [RegistrationReviewFlag], {
    description:
      'In the operator’s queue: why this PENDING registration may squat a mnemonic that has traffic or claims under another organization. Empty everywhere else.',
  })
  reviewFlags!: RegistrationReviewFlag[];

  organizationId!: string;
}
