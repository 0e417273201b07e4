import { Field, ID, ObjectType } from '@nestjs/graphql';
import { LinkProofFields } from './link-fields';

@ObjectType({ description: 'A vehicle of the person (its plate matches traffic fines).' })
export class Vehicle extends LinkProofFields {
  @Field(() => ID, { description: 'Vehicle id.' })
  id!: string;

  @Field({ description: 'Registration plate, normalised (`А123ВС77`).' })
  plate!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Vehicle registration certificate (СТС): the proof checked with the plate.',
  })
  registrationCertificate!: string | null;
}
