import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret that ties a federated sign-in to the client that started it: 256 random bits
 * returned by `federatedLoginStart` (kept by the client, never in the redirect URL), stored only
 * as its SHA-256 with the pending state, and presented again to `completeFederatedLogin`.
 */
export function newClientBinding(): { binding: string; hash: string } {
  const binding = randomBytes(32).toString('base64url');
  return { binding, hash: hashClientBinding(binding) };
}

export function hashClientBinding(binding: string): string {
  return createHash('sha256').update(binding).digest('hex');
}

/** Whether a presented binding matches the stored hash, compared in constant time. */
export function clientBindingMatches(binding: string, storedHash: string): boolean {
  const actual = Buffer.from(hashClientBinding(binding), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
