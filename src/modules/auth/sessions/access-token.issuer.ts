import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { authConfig } from '../../../config/configuration';
import { ACCESS_TOKEN_ALGORITHM, jwtSecretKey } from '../../../shared/auth';
import type { AccessTokenClaims } from '../../../shared/auth';
import type { SessionEntity } from '../entities/session.entity';

/** Signs access tokens (HS256 JWT with iss, aud, exp) for a session. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  get ttlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  sign(session: SessionEntity): Promise<string> {
    const claims: AccessTokenClaims = {
      sub: session.userId,
      typ: 'user',
      sid: session.id,
      jti: randomUUID(),
      ...(session.organizationId ? { org: session.organizationId } : {}),
      ...(session.actingChildId ? { child: session.actingChildId } : {}),
      ...(session.developerRepresentative ? { rep: true } : {}),
    };
    return this.jwt.signAsync(claims, {
      secret: jwtSecretKey(this.config.jwtSecret),
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: this.config.issuer,
      audience: this.config.audience,
      expiresIn: this.config.accessTokenTtlSeconds,
    });
  }
}
