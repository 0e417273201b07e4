import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { authConfig } from '../../config/configuration';
import { AppException } from '../errors';
import { AccessTokenClaims, AuthPrincipal, principalFromClaims } from './auth-principal';
import { jwtSecretKey } from './jwt-key';

/** A check run on every verified token, e.g. "is this session still alive". */
export type PrincipalCheck = (principal: AuthPrincipal) => Promise<boolean>;

/** The algorithm access tokens are signed with; anything else is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/**
 * Verifies access tokens for HTTP (through the passport strategy) and graphql-ws alike. Modules
 * that own token state (sessions, API clients) register checks so a revoked session's or client's
 * tokens stop working at once, not when they expire.
 */
@Injectable()
export class TokenVerifier {
  private readonly checks: PrincipalCheck[] = [];

  constructor(
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  registerCheck(check: PrincipalCheck): void {
    this.checks.push(check);
  }

  /** Verifies a bearer token string; throws UNAUTHENTICATED when it is not acceptable. */
  async verify(token: string): Promise<AuthPrincipal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & object>(token, {
        secret: jwtSecretKey(this.config.jwtSecret),
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.audience,
      });
    } catch {
      throw AppException.unauthenticated(
        'Сеанс недействителен или истёк, войдите снова',
        'TOKEN_INVALID',
      );
    }
    return this.toPrincipal(claims);
  }

  /** Validates claims that a JWT library already verified cryptographically. */
  async toPrincipal(claims: Partial<AccessTokenClaims> & { exp?: number }): Promise<AuthPrincipal> {
    if (
      typeof claims.sub !== 'string' ||
      (claims.typ !== 'user' && claims.typ !== 'client') ||
      typeof claims.exp !== 'number'
    ) {
      throw AppException.unauthenticated(
        'Сеанс недействителен или истёк, войдите снова',
        'TOKEN_INVALID',
      );
    }
    // A person's token stands for a session, or for nothing: without `sid` no session check
    // could end it (logout, revocation, password change), so it is refused, never waved through.
    // Integrator tokens (typ client) have no session; their client is checked instead.
    if (claims.typ === 'user' && (typeof claims.sid !== 'string' || claims.sid.length === 0)) {
      throw AppException.unauthenticated(
        'Сеанс недействителен, войдите снова',
        'TOKEN_WITHOUT_SESSION',
      );
    }
    const principal = principalFromClaims(claims as AccessTokenClaims);
    for (const check of this.checks) {
      if (!(await check(principal))) {
        throw AppException.unauthenticated('Сеанс завершён, войдите снова', 'SESSION_ENDED');
      }
    }
    return principal;
  }

  /** Reads `Bearer <token>` from an Authorization value. */
  static bearer(header: unknown): string | null {
    if (typeof header !== 'string') {
      return null;
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    return m ? m[1] : null;
  }
}
