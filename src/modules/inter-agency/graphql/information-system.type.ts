import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Environment, RegistrationStatus } from '../inter-agency.enums';

@ObjectType({ description: 'An organization’s information system in the exchange network.' })
export class InformationSystem {
  @Field(() => ID, { description: 'The system id.' })
  id!: string;

  @Field({
    description:
      'Mnemonic: latin letters, digits and `_`, 3–50 characters, unique per environment.',
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

  organizationId!: string;
}
