import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { authConfig, integrationsConfig } from '../../../config/configuration';
import { ACCESS_TOKEN_ALGORITHM, jwtSecretKey } from '../../../shared/auth';
import type { AccessTokenClaims } from '../../../shared/auth';
import { AttemptLimit, AttemptLimiter } from '../../../core/rate-limit/index';
import { grantScopes } from '../api-clients/api-client-scopes';
import { ApiClientRegistry } from '../api-clients/api-client.registry';
import { OAuthError } from './oauth.error';
import { parseTokenRequest, RawTokenRequest } from './token-request.parser';

const FIFTEEN_MINUTES = 15 * 60;

/** The successful answer of the token endpoint (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * `POST /oauth/token`, client credentials grant (RFC 6749 §4.4). Tokens are Kabinet access
 * tokens (HS256, iss, aud, exp) with `typ: 'client'`, the client's organization and the granted
 * scopes; the TokenVerifier check in IntegrationsModule refuses them once the client is revoked.
 */
@Injectable()
export class OAuthTokenService {
  private readonly perClient: AttemptLimit;
  private readonly perIp: AttemptLimit;

  constructor(
    private readonly registry: ApiClientRegistry,
    private readonly limiter: AttemptLimiter,
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
    @Inject(integrationsConfig.KEY) config: ConfigType<typeof integrationsConfig>,
  ) {
    this.perClient = {
      name: 'oauth:client',
      max: config.oauthMaxFailures,
      windowSeconds: FIFTEEN_MINUTES,
    };
    this.perIp = {
      name: 'oauth:ip',
      max: config.oauthMaxFailuresPerIp,
      windowSeconds: FIFTEEN_MINUTES,
    };
  }

  async issue(raw: RawTokenRequest, ip: string | null): Promise<TokenResponse> {
    const request = parseTokenRequest(raw);
    const basic = request.authMethod === 'client_secret_basic';
    const ipKey = ip ?? 'unknown';
    // Every attempt counts and a success starts both counts afresh, so the counts are the
    // failures since the last success; past the limit even the right secret is refused until
    // the window ends, or guessing would go on with 429 meaning "wrong".
    await this.count(this.perIp, ipKey);
    await this.count(this.perClient, request.clientId);
    const client = await this.registry.authenticate(request.clientId, request.clientSecret);
    if (!client) {
      throw OAuthError.invalidClient(basic);
    }
    await Promise.all([
      this.limiter.reset(this.perIp, ipKey),
      this.limiter.reset(this.perClient, request.clientId),
    ]);
    const scopes = grantScopes(client.scopes, request.scope);
    if (!scopes) {
      throw OAuthError.invalidScope();
    }
    const claims: AccessTokenClaims = {
      sub: client.id,
      typ: 'client',
      scope: scopes.join(' '),
      jti: randomUUID(),
      ...(client.organizationId ? { org: client.organizationId } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, {
      secret: jwtSecretKey(this.auth.jwtSecret),
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: this.auth.issuer,
      audience: this.auth.audience,
      expiresIn: this.auth.accessTokenTtlSeconds,
    });
    await this.registry.markUsed(client);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.auth.accessTokenTtlSeconds,
      scope: claims.scope!,
    };
  }

  private async count(limit: AttemptLimit, subject: string): Promise<void> {
    const outcome = await this.limiter.hit(limit, subject);
    if (!outcome.allowed) {
      throw OAuthError.tooManyAttempts(outcome.retryAfterSeconds);
    }
  }
}
