import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { ConfirmEmailChangeArgs } from '../graphql/confirm-email-change.args';
import { DeleteAccountArgs } from '../graphql/delete-account.args';
import { RequestEmailChangeArgs } from '../graphql/request-email-change.args';
import { User } from '../graphql/user.type';
import { AccountService } from './account.service';
import { EmailChangeService } from './email-change.service';

@Resolver(() => User)
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly emailChange: EmailChangeService,
  ) {}

  @Query(() => User, { description: 'The signed-in person’s account.' })
  me(@CurrentUser() principal: AuthPrincipal): Promise<User> {
    return this.accounts.me(principal);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes the account and all its data, irreversibly (the password confirms). Only a record that an account was deleted, without personal data, stays.',
  })
  deleteAccount(
    @Args() args: DeleteAccountArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    return this.accounts.deleteAccount(principal, args.password);
  }

  @Mutation(() => Boolean, {
    description:
      'Sends a code to the address to prove it (5 minutes, 5 attempts). Needs currentPassword, or for accounts without a password a sign-in less than 5 minutes old (FORBIDDEN / RECENT_SIGN_IN_REQUIRED). With the current unconfirmed address, its code confirms it.',
  })
  requestEmailChange(
    @Args() args: RequestEmailChangeArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    return this.emailChange.request(principal, args.email, args.currentPassword);
  }

  @Mutation(() => User, {
    description:
      'Sets the address the code was sent to as the account’s confirmed e-mail; the old address and the phone are told. Other sessions stay.',
  })
  confirmEmailChange(
    @Args() args: ConfirmEmailChangeArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<User> {
    return this.emailChange.confirm(principal, args.code);
  }
}
