import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Public } from '../../../shared/auth';
import { CurrentClient } from '../client-info.decorator';
import type { ClientInfo } from '../client-info.decorator';
import { AuthPayload } from '../graphql/auth.payload';
import { LoginWithCodeArgs } from '../graphql/login-with-code.args';
import { LoginArgs } from '../graphql/login.args';
import { RefreshTokenArgs } from '../graphql/refresh-token.args';
import { RequestLoginCodeArgs } from '../graphql/request-login-code.args';
import { SessionService } from '../sessions/session.service';
import { LoginService } from './login.service';

@Resolver()
export class LoginResolver {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Signs in with a password. Wrong login and wrong password give the same UNAUTHENTICATED error; repeated failures give RATE_LIMITED (counted per account, whichever login names it; a client sending a refresh token of the account is counted apart).',
  })
  login(@Args() args: LoginArgs, @CurrentClient() client: ClientInfo): Promise<AuthPayload> {
    return this.logins.login(args.login, args.password, client, args.refreshToken ?? null);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Sends a one-time login code by SMS. Answers true whether or not the login has an account; RATE_LIMITED after CODE_MAX_REQUESTS codes an hour.',
  })
  requestLoginCode(
    @Args() args: RequestLoginCodeArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<boolean> {
    return this.logins.requestCode(args.login, client);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Signs in with the SMS code (valid OTP_TTL_SECONDS, 5 attempts). Any wrong, expired or spent code gives the same UNAUTHENTICATED error.',
  })
  loginWithCode(
    @Args() args: LoginWithCodeArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.logins.loginWithCode(args.login, args.code, client, args.refreshToken ?? null);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for new tokens. Each refresh token works once; presenting a used one ends the whole session.',
  })
  refreshToken(
    @Args() args: RefreshTokenArgs,
    @CurrentClient() client: ClientInfo,
  ): Promise<AuthPayload> {
    return this.sessions.refresh(args.refreshToken, client);
  }
}
