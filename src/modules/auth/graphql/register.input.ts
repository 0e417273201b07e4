import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRuMobilePhone } from '../../../shared/identifiers';
import { IsAcceptablePassword } from '../credentials/password-policy';

const NOT_BLANK = /\S/;

/** What a person gives to open an account. */
@InputType({ description: 'What a person gives to open an account.' })
export class RegisterInput {
  @Field({ description: 'Surname (up to 100 characters).' })
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'Укажите фамилию' })
  lastName!: string;

  @Field({ description: 'Given name (up to 100 characters).' })
  @IsString()
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'Укажите имя' })
  firstName!: string;

  @Field(() => String, { nullable: true, description: 'Patronymic, if any.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  middleName?: string | null;

  @Field({
    description:
      'Russian mobile phone in any usual spelling; the confirmation code is sent there by SMS.',
  })
  @IsRuMobilePhone()
  phone!: string;

  @Field(() => String, { nullable: true, description: 'E-mail (for password recovery).' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'Неверный адрес электронной почты' })
  email?: string | null;

  @Field({ description: 'Password: 8 to 128 characters, not digits only.' })
  @IsAcceptablePassword()
  password!: string;

  @Field({ description: 'A question only the person knows the answer to (password recovery).' })
  @IsString()
  @MaxLength(255)
  @Matches(NOT_BLANK, { message: 'Укажите контрольный вопрос' })
  securityQuestion!: string;

  @Field({ description: 'The answer; case and spaces are ignored when it is checked.' })
  @IsString()
  @MaxLength(255)
  @Matches(NOT_BLANK, { message: 'Укажите ответ на контрольный вопрос' })
  securityAnswer!: string;
}
