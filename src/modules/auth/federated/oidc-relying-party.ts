import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { FederatedLoginException } from './federated-login.exception';
import type { FederatedLoginSettings } from './federated-login.settings';
import type { PendingFederatedLogin } from './federated-state.store';

const DISCOVERY_TIMEOUT_SECONDS = 10;

/** A started authorization request: the URL for the browser and what the server keeps. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  pending: PendingFederatedLogin;
}

/** The outcome of a redeemed code: the provider's issuer and its validated claims. */
export interface RedeemedCode {
  issuer: string;
  claims: Record<string, unknown>;
}

/**
 * The OpenID Connect relying party, on openid-client: discovery from the issuer (cached, tried
 * again after a failure), authorization code flow with PKCE (S256), `state` and `nonce`, and
 * ID token validation (signature, issuer, audience, expiry, nonce) when the code is redeemed.
 */
@Injectable()
export class OidcRelyingParty {
  private readonly logger = new Logger(OidcRelyingParty.name);
  private discovered?: Promise<oidc.Configuration>;

  async authorizationRequest(
    settings: FederatedLoginSettings,
    redirectUri: string,
  ): Promise<AuthorizationRequest> {
    const config = await this.configuration(settings);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, pending: { redirectUri, codeVerifier, nonce } };
  }

  /**
   * Redeems the code for tokens at the redirect URI the request named, validates the ID token,
   * and adds the userinfo claims (providers put profile claims there for the code flow).
   */
  async redeem(
    settings: FederatedLoginSettings,
    pending: PendingFederatedLogin,
    code: string,
    state: string,
  ): Promise<RedeemedCode> {
    const config = await this.configuration(settings);
    const issuer = config.serverMetadata().issuer;
    const callback = new URL(pending.redirectUri);
    callback.searchParams.set('code', code);
    callback.searchParams.set('state', state);
    // The contract relays only code and state. With one configured provider there is no mix-up
    // to detect, so the `iss` response parameter (RFC 9207) is the discovered issuer.
    if (config.serverMetadata().authorization_response_iss_parameter_supported) {
      callback.searchParams.set('iss', issuer);
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) {
        throw FederatedLoginException.failed();
      }
      const userinfo = config.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
        : {};
      // The ID token is authoritative for what it states; userinfo only fills in.
      return { issuer, claims: { ...userinfo, ...idClaims } };
    } catch (error) {
      throw this.translate(error);
    }
  }

  private configuration(settings: FederatedLoginSettings): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(
        settings.issuer,
        settings.clientId,
        undefined,
        oidc.ClientSecretBasic(settings.clientSecret),
        {
          execute: settings.insecure ? [oidc.allowInsecureRequests] : [],
          timeout: DISCOVERY_TIMEOUT_SECONDS,
        },
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.logger.warn(`OIDC discovery at ${settings.issuer.href} failed: ${describe(error)}`);
        throw FederatedLoginException.providerUnavailable();
      });
    return this.discovered;
  }

  // The provider refusing the code or its tokens failing validation ends this sign-in; an
  // unreachable or failing provider is an outage, told apart so the client can suggest retrying.
  private translate(error: unknown): unknown {
    if (error instanceof FederatedLoginException) {
      return error;
    }
    if (isOutage(error)) {
      this.logger.warn(`OIDC provider unavailable: ${describe(error)}`);
      return FederatedLoginException.providerUnavailable();
    }
    if (
      error instanceof oidc.ClientError ||
      error instanceof oidc.ResponseBodyError ||
      error instanceof oidc.AuthorizationResponseError ||
      error instanceof oidc.WWWAuthenticateChallengeError
    ) {
      this.logger.warn(`OIDC sign-in refused: ${describe(error)}`);
      return FederatedLoginException.failed();
    }
    return error;
  }
}

function isOutage(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError) {
    return error.status >= 500;
  }
  const e = error as { name?: string; message?: string; code?: string; cause?: unknown };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return true;
  }
  if (error instanceof TypeError && e.message === 'fetch failed') {
    return true;
  }
  if (error instanceof oidc.ClientError && e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const status = (e.cause as { status?: number } | undefined)?.status;
    return status === undefined || status >= 500;
  }
  return false;
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; error?: string };
  return [e?.name, e?.code, e?.error, e?.message].filter(Boolean).join(' ');
}
