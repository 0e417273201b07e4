import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { authConfig } from '../../src/config/configuration';
import type { AccessTokenClaims } from '../../src/shared/auth';

/** Signs an access token the way the auth module does, for tests of the platform itself. */
export function signTestToken(
  app: INestApplication,
  claims: Partial<AccessTokenClaims> & { sub: string },
  options: {
    secret?: string;
    algorithm?: 'HS256' | 'HS512';
    expiresIn?: number;
    audience?: string;
  } = {},
): string {
  const config = app.get<{ jwtSecret: string; issuer: string; audience: string }>(authConfig.KEY);
  return app.get(JwtService).sign(
    { typ: 'user', ...claims },
    {
      secret: options.secret ?? config.jwtSecret,
      algorithm: options.algorithm ?? 'HS256',
      issuer: config.issuer,
      audience: options.audience ?? config.audience,
      expiresIn: options.expiresIn ?? 900,
    },
  );
}
