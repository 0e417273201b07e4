import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

@InputType({ description: 'A vehicle to add.' })
export class VehicleInput {
  @Field({ description: 'Registration plate (Latin look-alike letters accepted).' })
  @IsString()
  @MaxLength(20)
  plate!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Registration certificate (СТС): 10 characters. Needed to prove the vehicle; giving it for a vehicle already added but not proven starts a new check.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\s*\d{2}\s?[\dА-ЯЁA-Z]{2}\s?\d{6}\s*$/iu, {
    message: 'СТС: 10 знаков, например 77 УК 123456',
  })
  registrationCertificate?: string | null;
}
