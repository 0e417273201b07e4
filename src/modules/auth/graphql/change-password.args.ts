import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../credentials/password-policy';
import { PASSWORD_INPUT_MAX } from './args.constants';

/** Arguments of `changePassword`. */
@ArgsType()
export class ChangePasswordArgs {
  @Field({ description: 'The password in force now.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  currentPassword!: string;

  @Field({ description: 'The new password: 8 to 128 characters, not digits only.' })
  @IsAcceptablePassword()
  newPassword!: string;
}
