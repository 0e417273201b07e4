import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Prefixes make leaked credentials recognisable to secret scanners and people alike. Both
// alphabets ([0-9a-f], base64url) need no escaping in a form or in HTTP Basic.
const CLIENT_ID_PREFIX = 'kbn_';
const CLIENT_SECRET_PREFIX = 'kbs_';

/** A new public client_id: 96 random bits. */
export function generateClientId(): string {
  return CLIENT_ID_PREFIX + randomBytes(12).toString('hex');
}

/** A new client secret: 256 random bits. */
export function generateClientSecret(): string {
  return CLIENT_SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a secret, lower-case hex. A fast hash is enough for 256-bit random secrets (no
 * dictionary to try), and keeps token requests cheap.
 */
export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether a presented secret matches the stored hash, in constant time. */
export function clientSecretMatches(secret: string, secretHash: string): boolean {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  const stored = Buffer.from(secretHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}
