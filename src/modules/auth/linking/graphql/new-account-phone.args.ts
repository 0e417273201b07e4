import { ArgsType, Field } from '@nestjs/graphql';
import { IsRuMobilePhone } from '../../../../shared/identifiers';
import { LinkTokenArgs } from './link-token.args';

/** Arguments of `requestNewAccountPhoneCode`: the link token and the new account's phone. */
@ArgsType()
export class NewAccountPhoneArgs extends LinkTokenArgs {
  @Field({
    description:
      'A Russian mobile number of the person signing: the new account’s phone, proven by the SMS code sent to it.',
  })
  @IsRuMobilePhone()
  phone!: string;
}
