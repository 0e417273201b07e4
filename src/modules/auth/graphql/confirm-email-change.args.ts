import { ArgsType, Field } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { CODE_MESSAGE, CODE_PATTERN } from './args.constants';

/** Arguments of `confirmEmailChange`. */
@ArgsType()
export class ConfirmEmailChangeArgs {
  @Field({ description: 'The 6-digit code sent to the new address.' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;
}
