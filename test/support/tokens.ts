import { randomInt, randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { authConfig } from '../../src/config/configuration';
import type { AccessTokenClaims } from '../../src/shared/auth';

/**
 * Signs an access token the way the auth module does, for tests of the platform itself. A
 * person's token gets a real session (the server refuses user tokens without `sid`): one is
 * opened for `sub` with the token's organization, child and representative context, and the
 * account is made bare when the test has none. Pass `sid` to sign for a session of your own.
 */
export async function signTestToken(
  app: INestApplication,
  claims: Partial<AccessTokenClaims> & { sub: string },
  options: {
    secret?: string;
    algorithm?: 'HS256' | 'HS512';
    expiresIn?: number;
    audience?: string;
  } = {},
): Promise<string> {
  const config = app.get<{ jwtSecret: string; issuer: string; audience: string }>(authConfig.KEY);
  const typ = claims.typ ?? 'user';
  const sid =
    typ === 'user' && !('sid' in claims) ? await openTestSession(app, claims) : claims.sid;
  return app.get(JwtService).sign(
    { typ, ...claims, ...(sid ? { sid } : {}) },
    {
      secret: options.secret ?? config.jwtSecret,
      algorithm: options.algorithm ?? 'HS256',
      issuer: config.issuer,
      audience: options.audience ?? config.audience,
      expiresIn: options.expiresIn ?? 900,
    },
  );
}

/** Opens a session row for the claims' account (made bare when missing); returns its id. */
export async function openTestSession(
  app: INestApplication,
  claims: Partial<AccessTokenClaims> & { sub: string },
): Promise<string> {
  const db = app.get(DataSource);
  const phone = `+7999${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  await db.query(
    `INSERT IGNORE INTO users (id, last_name, first_name, phone, password_hash, security_question,
                               security_answer_hash, created_at, updated_at)
     VALUES (?, 'Тестова', 'Анна', ?, '!', '', '!', NOW(3), NOW(3))`,
    [claims.sub, phone],
  );
  const id = randomUUID();
  await db.query(
    `INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, user_agent, ip,
                           organization_id, acting_child_id, developer_representative)
     VALUES (?, ?, NOW(3), NOW(3), NOW(3) + INTERVAL 1 DAY, 'test', NULL, ?, ?, ?)`,
    [id, claims.sub, claims.org ?? null, claims.child ?? null, claims.rep === true],
  );
  return id;
}
