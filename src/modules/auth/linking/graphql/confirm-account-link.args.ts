import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CODE_MESSAGE, CODE_PATTERN, PASSWORD_INPUT_MAX } from '../../graphql/args.constants';
import { LinkTokenArgs } from './link-token.args';

/** Arguments of `confirmAccountLink`: the link token and one proof of the matched account. */
@ArgsType()
export class ConfirmAccountLinkArgs extends LinkTokenArgs {
  @Field(() => String, { nullable: true, description: 'The matched account’s password.' })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The code `requestAccountLinkCode` sent to the matched account’s phone.',
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string | null;
}
