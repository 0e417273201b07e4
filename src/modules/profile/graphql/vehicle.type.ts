import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A vehicle of the person (its plate matches traffic fines).' })
export class Vehicle {
  @Field(() => ID, { description: 'Vehicle id.' })
  id!: string;

  @Field({ description: 'Registration plate, normalised (`А123ВС77`).' })
  plate!: string;

  @Field(() => String, { nullable: true, description: 'Vehicle registration certificate (СТС).' })
  registrationCertificate!: string | null;
}
