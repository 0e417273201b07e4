import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Public } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { AccountService } from '../account/account.service';
import { CurrentClient } from '../client-info.decorator';
import type { ClientInfo } from '../client-info.decorator';
import { ChangePasswordArgs } from '../graphql/change-password.args';
import { RequestPasswordResetArgs } from '../graphql/request-password-reset.args';
import { ResetPasswordWithSecurityAnswerArgs } from '../graphql/reset-password-with-security-answer.args';
import { ResetPasswordArgs } from '../graphql/reset-password.args';
import { PasswordRecoveryService } from './password-recovery.service';

@Resolver()
export class PasswordResolver {
  constructor(
    private readonly recovery: PasswordRecoveryService,
    private readonly accounts: AccountService,
  ) {}

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sends a password-reset code by SMS or e-mail when the login has an account. Always answers true (RATE_LIMITED after too many requests).',
  })
  requestPasswordReset(
    @Args() args: RequestPasswordResetArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.recovery.requestReset(args.login, args.channel, client);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Sets a new password with the reset code; every session of the account ends.',
  })
  resetPassword(
    @Args() args: ResetPasswordArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.recovery.resetWithCode(args.login, args.code, args.newPassword, client);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the security answer: at most 3 tries a day per account, each announced by SMS and e-mail; every session ends.',
  })
  resetPasswordWithSecurityAnswer(
    @Args() args: ResetPasswordWithSecurityAnswerArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.recovery.resetWithSecurityAnswer(args.login, args.answer, args.newPassword, client);
  }

  @Mutation(() => Boolean, {
    description: 'Changes the password; the account’s other sessions end, this one stays.',
  })
  changePassword(
    @Args() args: ChangePasswordArgs,
    @CurrentUser() principal: AuthPrincipal,
  ): Promise<boolean> {
    return this.accounts.changePassword(principal, args.currentPassword, args.newPassword);
  }
}
