import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { authConfig } from '../../../config/configuration';

const VERSION = 'v1';
const IV_BYTES = 12;

/** The AES-256 key for webhook secrets: HKDF-SHA256 of JWT_SECRET with its own label. */
export function deriveWebhookSecretKey(jwtSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'kabinet', 'webhook-signing-secret/v1', 32));
}

/**
 * Seals webhook signing secrets at rest. They must be read back in clear to sign deliveries, so
 * they cannot be hashed; AES-256-GCM with the webhook id as associated data means a database
 * dump alone reveals nothing, and a sealed value copied to another row does not open. Rotating
 * JWT_SECRET makes existing secrets unreadable: their deliveries fail until the webhooks are
 * made again (a key ring with versions is the way out when rotation is needed).
 */
@Injectable()
export class WebhookSecretCipher {
  private readonly key: Buffer;

  constructor(@Inject(authConfig.KEY) auth: Pick<ConfigType<typeof authConfig>, 'jwtSecret'>) {
    this.key = deriveWebhookSecretKey(auth.jwtSecret);
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
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(webhookId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
