import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, Matches } from 'class-validator';
import { IsRuMobilePhone } from '../../../../shared/identifiers';
import { CODE_MESSAGE, CODE_PATTERN } from '../../graphql/args.constants';
import { LinkTokenArgs } from './link-token.args';

/**
 * Arguments of `declineAccountLink`. A sign-in that carries no phone (a qualified certificate)
 * also gives the new account's phone and the code `requestNewAccountPhoneCode` sent to it.
 */
@ArgsType()
export class DeclineAccountLinkArgs extends LinkTokenArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'The new account’s phone, as given to `requestNewAccountPhoneCode` (required after an e-signature sign-in, ignored after a provider sign-in, whose phone is used).',
  })
  @IsOptional()
  @IsRuMobilePhone()
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The code `requestNewAccountPhoneCode` sent to that phone.',
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  code?: string | null;
}
