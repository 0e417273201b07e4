import { ArgsType, Field } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { CODE_PATTERN, CODE_MESSAGE } from './args.constants';
import { RequestLoginCodeArgs } from './request-login-code.args';

/** Arguments of `loginWithCode`. */
@ArgsType()
export class LoginWithCodeArgs extends RequestLoginCodeArgs {
  @Field({ description: 'The 6-digit code from the SMS.' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;
}
