import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { DeleteAccountArgs } from '../graphql/delete-account.args';
import { User } from '../graphql/user.type';
import { AccountService } from './account.service';

@Resolver(() => User)
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

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
}
