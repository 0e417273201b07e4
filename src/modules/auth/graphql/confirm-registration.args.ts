import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID, Matches } from 'class-validator';
import { CODE_PATTERN, CODE_MESSAGE } from './args.constants';

/** Arguments of `confirmRegistration`. */
@ArgsType()
export class ConfirmRegistrationArgs {
  @Field(() => ID, { description: 'From `register`.' })
  @IsUUID()
  registrationId!: string;

  @Field({ description: 'The 6-digit code from the SMS.' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code!: string;
}
