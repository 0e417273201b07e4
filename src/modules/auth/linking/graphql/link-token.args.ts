import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Arguments of `requestAccountLinkCode` and `declineAccountLink`. */
@ArgsType()
export class LinkTokenArgs {
  @Field({
    description:
      'The `extensions.linkToken` of the ACCOUNT_LINK_REQUIRED refusal (10 minutes, single use, this client only).',
  })
  @IsString()
  @MinLength(1, { message: 'Укажите токен привязки' })
  @MaxLength(200, { message: 'Токен привязки слишком длинный' })
  linkToken!: string;
}
