import type { ConfigType } from '@nestjs/config';
import type { authConfig } from '../../../config/configuration';

/** The OIDC provider federated sign-in talks to, when one is configured. */
export interface FederatedLoginSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs a sign-in may return to (OIDC_REDIRECT_URIS). */
  redirectUris: readonly string[];
  scopes: string;
  /** Plain http to the provider (tests and local development only). */
  insecure: boolean;
  /** `completeFederatedLogin` needs the start's `clientBinding` (OIDC_REQUIRE_BINDING). */
  requireBinding: boolean;
}

/**
 * Reads and checks the OIDC settings: null when OIDC_ISSUER is unset (federated sign-in off).
 * Throws at boot, naming the variable, for an http issuer that is not explicitly allowed, and
 * for any http issuer in production: tokens and personal data must not travel in clear.
 */
export function readFederatedLoginSettings(
  config: ConfigType<typeof authConfig>,
  production: boolean,
): FederatedLoginSettings | null {
  const { oidc } = config;
  if (!oidc.issuer) {
    return null;
  }
  const issuer = new URL(oidc.issuer);
  const insecure = issuer.protocol === 'http:';
  if (insecure && (production || !oidc.allowInsecureIssuer)) {
    throw new Error(
      'Invalid environment: OIDC_ISSUER (must be https; plain http only with OIDC_ALLOW_INSECURE_ISSUER=true outside production)',
    );
  }
  if (!oidc.clientId || !oidc.clientSecret) {
    throw new Error(
      'Invalid environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (required with OIDC_ISSUER)',
    );
  }
  return {
    issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    redirectUris: oidc.redirectUris,
    scopes: oidc.scopes,
    insecure,
    requireBinding: oidc.requireBinding,
  };
}

/** Whether a redirect URI is on the allow-list: an exact match, never a prefix or pattern. */
export function isRedirectUriAllowed(settings: FederatedLoginSettings, uri: string): boolean {
  return settings.redirectUris.includes(uri);
}
