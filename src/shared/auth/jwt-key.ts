import { createSecretKey, KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HMAC key of a JWT secret as a KeyObject, made once per secret. jsonwebtoken turns a string
 * or Buffer secret into a key on every call, first trying it as a public key and catching the
 * failure: about a millisecond of CPU per request, a sixth of an upload's cost under load.
 * Typed as the libraries' option types declare secrets; at run time they accept a KeyObject.
 */
export function jwtSecretKey(secret: string): string {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key as unknown as string;
}
