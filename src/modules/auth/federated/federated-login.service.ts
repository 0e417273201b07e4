import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig, authConfig } from '../../../config/configuration';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import { AuthLimits } from '../auth-limits';
import type { ClientInfo } from '../client-info.decorator';
import { AuthPayload } from '../graphql/auth.payload';
import { SessionService } from '../sessions/session.service';
import { clientBindingMatches, newClientBinding } from './client-binding';
import { AccountLinkService } from '../linking/account-link.service';
import { FederatedAccountService } from './federated-account.service';
import { readFederatedClaims } from './federated-claims';
import { FederatedLoginException } from './federated-login.exception';
import {
  FederatedLoginSettings,
  isRedirectUriAllowed,
  readFederatedLoginSettings,
} from './federated-login.settings';
import { FederatedStateStore, PendingFederatedLogin } from './federated-state.store';
import { FederatedLoginStart } from './graphql/federated-login-start.type';
import { OidcRelyingParty } from './oidc-relying-party';

/**
 * Gosuslugi-style federated sign-in: `start` sends the browser to the provider with a state
 * the server remembers (PKCE verifier, nonce and redirect URI stay here); `complete` takes that
 * state once, redeems the code, and signs the matched or new account in.
 */
@Injectable()
export class FederatedLoginService {
  private readonly logger = new Logger(FederatedLoginService.name);
  private readonly settings: FederatedLoginSettings | null;

  constructor(
    private readonly relyingParty: OidcRelyingParty,
    private readonly states: FederatedStateStore,
    private readonly accounts: FederatedAccountService,
    private readonly sessions: SessionService,
    private readonly limiter: AttemptLimiter,
    private readonly limits: AuthLimits,
    private readonly links: AccountLinkService,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    // Read at boot, so a bad issuer stops the process instead of failing sign-ins later.
    this.settings = readFederatedLoginSettings(config, app.production);
  }

  async start(redirectUri: string): Promise<FederatedLoginStart> {
    const settings = this.configured('redirectUri');
    if (!isRedirectUriAllowed(settings, redirectUri)) {
      throw FederatedLoginException.redirectUriNotAllowed();
    }
    const request = await this.relyingParty.authorizationRequest(settings, redirectUri);
    const binding = newClientBinding();
    await this.states.put(request.state, { ...request.pending, bindingHash: binding.hash });
    return Object.assign(new FederatedLoginStart(), {
      url: request.url,
      state: request.state,
      clientBinding: binding.binding,
    });
  }

  async complete(
    code: string,
    state: string,
    client: ClientInfo,
    clientBinding?: string | null,
  ): Promise<AuthPayload> {
    const settings = this.configured('state');
    await this.limiter.consume(this.limits.attemptsPerIp, client.ip ?? 'unknown');
    // The binding is checked before the state is taken, so someone holding only a stolen
    // redirect URL can neither sign in nor spend the state of the person who started it.
    const started = await this.states.peek(state);
    if (!started) {
      throw FederatedLoginException.stateInvalid();
    }
    if (!bindingAccepted(settings, started, clientBinding)) {
      this.logger.warn('OIDC sign-in refused: client binding missing or wrong');
      throw FederatedLoginException.bindingInvalid();
    }
    const pending = await this.states.take(state);
    // A redirect URI taken off the allow-list since the start no longer completes a sign-in.
    if (!pending || !isRedirectUriAllowed(settings, pending.redirectUri)) {
      throw FederatedLoginException.stateInvalid();
    }
    const redeemed = await this.relyingParty.redeem(settings, pending, code, state);
    const claims = readFederatedClaims(redeemed.claims);
    if (!claims) {
      this.logger.warn('OIDC sign-in refused: the provider gave no usable sub');
      throw FederatedLoginException.failed();
    }
    const outcome = await this.accounts.signIn(redeemed.issuer, claims, client);
    if (outcome.kind === 'linkRequired') {
      throw await this.links.offer(
        {
          userId: outcome.user.id,
          ...this.accounts.linkData(redeemed.issuer, claims, outcome.origin),
        },
        outcome.user,
        client,
      );
    }
    const signIn = outcome;
    this.logger.log(
      `federated sign-in: account ${signIn.user.id} (${signIn.origin}), session ${signIn.opened.session.id}` +
        (signIn.snilsConfirmed ? ', SNILS confirmed' : ''),
    );
    return this.sessions.payload(signIn.user, signIn.opened);
  }

  private configured(field: string): FederatedLoginSettings {
    if (!this.settings) {
      throw FederatedLoginException.notConfigured(field);
    }
    return this.settings;
  }
}

// A given binding must match the one stored at the start; none given is accepted only while
// OIDC_REQUIRE_BINDING=false.
function bindingAccepted(
  settings: FederatedLoginSettings,
  pending: PendingFederatedLogin,
  clientBinding: string | null | undefined,
): boolean {
  if (clientBinding) {
    return !!pending.bindingHash && clientBindingMatches(clientBinding, pending.bindingHash);
  }
  return !settings.requireBinding;
}
