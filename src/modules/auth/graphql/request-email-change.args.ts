import { ArgsType, Field } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_INPUT_MAX } from './args.constants';

/** Arguments of `requestEmailChange`. */
@ArgsType()
export class RequestEmailChangeArgs {
  @Field({
    description:
      'The address to prove: a new one, or the current unconfirmed one (it then gets confirmed).',
  })
  @IsEmail({}, { message: 'Неверный адрес электронной почты' })
  @MaxLength(254, { message: 'Адрес электронной почты слишком длинный' })
  email!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The password in force now; required for accounts with a password. Accounts without one (created by a Gosuslugi sign-in) need a sign-in less than 5 minutes old instead.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  currentPassword?: string | null;
}
