import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../credentials/password-policy';
import { LOGIN_DESCRIPTION, CODE_PATTERN, CODE_MESSAGE } from './args.constants';

/** Arguments of `resetPassword`. */
@ArgsType()
export class ResetPasswordArgs {
  @Field({ description: LOGIN_DESCRIPTION })
  @IsString()
  @MaxLength(254)
  login!: string;

  @Field({ description: 'The 6-digit code sent by `requestPasswordReset`.' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @Field({ description: 'The new password: 8 to 128 characters, not digits only.' })
  @IsAcceptablePassword()
  newPassword!: string;
}
