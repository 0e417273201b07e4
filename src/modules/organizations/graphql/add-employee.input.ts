import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MemberRole } from '../organization.enums';

@InputType({
  description:
    'A person to add: an existing account found by verified SNILS or by phone (exactly one of them).',
})
export class AddEmployeeInput {
  @Field(() => String, {
    nullable: true,
    description: 'Verified SNILS, with or without separators.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  snils?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile phone of the account.' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;

  @Field(() => MemberRole, { description: 'The role in the organization.' })
  @IsEnum(MemberRole)
  role!: MemberRole;

  @Field(() => String, {
    nullable: true,
    description: 'Personnel number, unique in the organization (needed for the employee login).',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  personnelNumber?: string | null;
}
