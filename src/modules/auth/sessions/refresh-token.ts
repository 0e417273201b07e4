import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 (hex) of a refresh token: what the database keeps. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new opaque refresh token (256 random bits) and its hash. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}
