import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../../config/configuration';
import { deriveKey } from '../../../shared/auth';

const VERSION = 'v1';
const IV_BYTES = 12;

/** The keys a webhook secret is sealed with: the master secret's now, opened by any of these. */
export type CipherKeys = Pick<
  ConfigType<typeof authConfig>,
  'masterKey' | 'previousMasterKey' | 'jwtSecret'
>;

// Before the keys had a master secret of their own, webhook secrets were sealed with a key
// derived from JWT_SECRET: such values still open (a webhook made again is sealed with the new
// key), so that key is tried last.
function legacyWebhookSecretKey(jwtSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'kabinet', 'webhook-signing-secret/v1', 32));
}

/**
 * Seals webhook signing secrets at rest. They must be read back in clear to sign deliveries, so
 * they cannot be hashed; AES-256-GCM with the webhook id as associated data means a database
 * dump alone reveals nothing, and a sealed value copied to another row does not open. Rotating
 * JWT_SECRET makes existing secrets unreadable: their deliveries fail until the webhooks are
 * made again. The key is derived from SECRETS_MASTER_KEY; after a rotation the previous master
 * key (SECRETS_MASTER_KEY_PREVIOUS) still opens what it sealed, new values use the new one.
 */
@Injectable()
export class WebhookSecretCipher {
  private readonly key: Buffer;
  private readonly openingKeys: Buffer[];

  constructor(@Inject(authConfig.KEY) auth: CipherKeys) {
    this.key = deriveKey(auth.masterKey, 'webhook-secret-encryption/v1');
    this.openingKeys = [
      this.key,
      ...(auth.previousMasterKey
        ? [deriveKey(auth.previousMasterKey, 'webhook-secret-encryption/v1')]
        : []),
      legacyWebhookSecretKey(auth.jwtSecret),
    ];
  }

  /** `v1.<iv>.<ciphertext>.<tag>`, base64url parts. */
  seal(secret: string, webhookId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(webhookId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The secret in clear; throws when the value was altered, moved or sealed with another key. */
  open(sealed: string, webhookId: string): string {
    const [version, iv, ciphertext, tag] = sealed.split('.');
    if (version !== VERSION || !iv || !ciphertext || !tag) {
      throw new Error('unknown webhook secret format');
    }
    let failure: unknown;
    for (const key of this.openingKeys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(webhookId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }
}
