import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { Environment } from '../inter-agency.enums';

@InputType({ description: 'A new information system.' })
export class RegisterInformationSystemInput {
  @Field({ description: 'Latin letters, digits and `_`, 3–50 characters.' })
  @IsString()
  @Length(3, 50, { message: 'Мнемоника: от 3 до 50 символов' })
  @Matches(/^[A-Za-z0-9_]+$/, { message: 'Мнемоника: только латинские буквы, цифры и _' })
  mnemonic!: string;

  @Field({ description: 'Name of the system, up to 255 characters.' })
  @IsString()
  @MinLength(1, { message: 'Укажите название системы' })
  @MaxLength(255, { message: 'Название: не больше 255 символов' })
  name!: string;

  @Field(() => Environment, { description: 'TEST or PROD.' })
  @IsEnum(Environment)
  environment!: Environment;
}
