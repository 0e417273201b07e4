import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_LENGTH = 6;
/** Checks allowed per code: the sixth is refused even when it is right. */
export const CODE_MAX_ATTEMPTS = 5;

/** Six random digits (CSPRNG), leading zeros kept. */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/**
 * HMAC-SHA256 (hex) of a code bound to its context (purpose and account, or a registration), so
 * a leaked table cannot be reversed by trying all million codes without the key, and a hash is
 * worthless for any other account or purpose.
 */
export function hashCode(key: Buffer, context: string, code: string): string {
  return createHmac('sha256', key).update(`${context}\n${code}`).digest('hex');
}

/** Whether a code matches a stored hash, compared in constant time. */
export function codeMatches(
  key: Buffer,
  context: string,
  code: string,
  storedHash: string,
): boolean {
  const actual = Buffer.from(hashCode(key, context, code), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
