import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { LOGIN_DESCRIPTION, PASSWORD_INPUT_MAX } from './args.constants';

/** Arguments of `login`. */
@ArgsType()
export class LoginArgs {
  @Field({ description: LOGIN_DESCRIPTION })
  @IsString()
  @MaxLength(254)
  login!: string;

  @Field({ description: 'The account password.' })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password!: string;
}
