import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../../../shared/auth';
import { CurrentClient } from '../client-info.decorator';
import type { ClientInfo } from '../client-info.decorator';
import { AuthPayload } from '../graphql/auth.payload';
import { AccountLinkService } from './account-link.service';
import { ConfirmAccountLinkArgs } from './graphql/confirm-account-link.args';
import { DeclineAccountLinkArgs } from './graphql/decline-account-link.args';
import { LinkTokenArgs } from './graphql/link-token.args';
import { NewAccountPhoneArgs } from './graphql/new-account-phone.args';

@Resolver()
export class AccountLinkResolver {
  constructor(private readonly links: AccountLinkService) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sends a code by SMS to the phone of the account an ACCOUNT_LINK_REQUIRED sign-in matched (the masked phone was in the refusal).',
  })
  requestAccountLinkCode(
    @Args() args: LinkTokenArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.links.requestCode(args.linkToken, client);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Proves the matched account (its password or the SMS code), links the provider identity or certificate to it and signs in. 5 wrong proofs end the link token.',
  })
  confirmAccountLink(
    @Args() args: ConfirmAccountLinkArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.links.confirm(args.linkToken, args.password, args.code, client);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'After an e-signature sign-in answered ACCOUNT_LINK_REQUIRED (a certificate carries no phone): sends a code by SMS to the phone the new account of `declineAccountLink` is to get. Codes per phone are limited like every SMS code.',
  })
  requestNewAccountPhoneCode(
    @Args() args: NewAccountPhoneArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.links.requestNewAccountPhoneCode(args.linkToken, args.phone, client);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      '"Not my account": a new account from the provider’s data or the certificate, signed in. After an e-signature sign-in it needs `phone` and the `code` `requestNewAccountPhoneCode` sent there. A trusted provider or a qualified certificate takes the SNILS from the matched account (DISPUTED there).',
  })
  declineAccountLink(
    @Args() args: DeclineAccountLinkArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.links.decline(args.linkToken, args.phone, args.code, client);
  }
}
