import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CODE_PATTERN, CODE_MESSAGE, SIGNED_IN_BEFORE_DESCRIPTION } from './args.constants';
import { RequestLoginCodeArgs } from './request-login-code.args';

/** Arguments of `loginWithCode`. */
@ArgsType()
export class LoginWithCodeArgs extends RequestLoginCodeArgs {
  @Field({ description: 'The 6-digit code from the SMS.' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;

  @Field(() => String, { nullable: true, description: SIGNED_IN_BEFORE_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string | null;
}
