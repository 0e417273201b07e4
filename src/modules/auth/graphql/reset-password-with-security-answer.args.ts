import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../credentials/password-policy';
import { LOGIN_DESCRIPTION } from './args.constants';

/** Arguments of `resetPasswordWithSecurityAnswer`. */
@ArgsType()
export class ResetPasswordWithSecurityAnswerArgs {
  @Field({ description: LOGIN_DESCRIPTION })
  @IsString()
  @MaxLength(254)
  login!: string;

  @Field({ description: 'The answer to the security question (case and spaces ignored).' })
  @IsString()
  @MaxLength(255)
  answer!: string;

  @Field({ description: 'The new password: 8 to 128 characters, not digits only.' })
  @IsAcceptablePassword()
  newPassword!: string;
}
