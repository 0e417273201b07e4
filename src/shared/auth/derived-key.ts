import { hkdfSync } from 'node:crypto';

/** What a derived key is for; the label is part of the derivation, so each gets its own key. */
export type KeyPurpose =
  'one-time-code-hash/v1' | 'webhook-secret-encryption/v1' | 'data-export-link/v1';

/**
 * A 256-bit key of its own for one purpose: HKDF-SHA256 (RFC 5869) of the master secret
 * (SECRETS_MASTER_KEY) with the purpose as `info`. A key leaking from one use does not give away
 * another, and none of them is the access-token signing secret.
 */
export function deriveKey(masterKey: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, 'kabinet', purpose, 32));
}
