import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import {
  LOGIN_DESCRIPTION,
  PASSWORD_INPUT_MAX,
  SIGNED_IN_BEFORE_DESCRIPTION,
} from './args.constants';

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

  @Field(() => String, { nullable: true, description: SIGNED_IN_BEFORE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string | null;
}
