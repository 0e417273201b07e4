import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new signing secret: 256 random bits; receivers use its UTF-8 bytes as the HMAC key. */
export function generateSigningSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64url');
}

/** The `X-Kabinet-Signature` value: `sha256=` + hex HMAC-SHA256 of the exact body bytes. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifyWebhookSignature(
  body: string | Buffer,
  secret: string,
  header: string | undefined,
): boolean {
  if (typeof header !== 'string') {
    return false;
  }
  const expected = Buffer.from(signWebhookBody(body, secret));
  const presented = Buffer.from(header.trim());
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
