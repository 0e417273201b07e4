import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfig } from '../../config/configuration';
import { AccessTokenClaims, AuthPrincipal } from './auth-principal';
import { jwtSecretKey } from './jwt-key';
import { ACCESS_TOKEN_ALGORITHM, TokenVerifier } from './token-verifier.service';

/** passport-jwt: signature, algorithm, issuer, audience and expiry; then Kabinet's own checks. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly verifier: TokenVerifier,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtSecretKey(config.jwtSecret),
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims & { exp?: number }): Promise<AuthPrincipal> {
    return this.verifier.toPrincipal(claims);
  }
}
