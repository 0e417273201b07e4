import { hkdfSync } from 'node:crypto';
import { WebhookSecretCipher } from './webhook-secret.cipher';

const keys = (masterKey: string, previousMasterKey: string | null = null) => ({
  masterKey,
  previousMasterKey,
  jwtSecret: 'j'.repeat(40),
});

describe(WebhookSecretCipher.name, () => {
  const cipher = new WebhookSecretCipher(keys('x'.repeat(40)));
  const webhookId = '7f1e4c1a-0b52-4a0e-9d3e-0c1f7a2b3c4d';

  it('should open what it sealed, with a fresh IV each time', () => {
    const a = cipher.seal('whsec_secret', webhookId);
    const b = cipher.seal('whsec_secret', webhookId);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\./);
    expect(a).not.toContain('whsec_secret');
    expect(a.length).toBeLessThanOrEqual(255);
    expect(cipher.open(a, webhookId)).toBe('whsec_secret');
  });

  it('should refuse a value moved to another webhook, altered, or sealed with another key', () => {
    const sealed = cipher.seal('whsec_secret', webhookId);
    expect(() => cipher.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow();
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = ct.startsWith('A') ? 'B' + ct.slice(1) : 'A' + ct.slice(1);
    expect(() => cipher.open([v, iv, flipped, tag].join('.'), webhookId)).toThrow();
    const other = new WebhookSecretCipher(keys('y'.repeat(40)));
    expect(() => other.open(sealed, webhookId)).toThrow();
    expect(() => cipher.open('garbage', webhookId)).toThrow('format');
  });

  it('should still open what the previous master key sealed after a rotation, and seal with the new one', () => {
    const sealed = cipher.seal('whsec_secret', webhookId);
    const rotated = new WebhookSecretCipher(keys('z'.repeat(40), 'x'.repeat(40)));
    expect(rotated.open(sealed, webhookId)).toBe('whsec_secret');
    const resealed = rotated.seal('whsec_secret', webhookId);
    expect(() => cipher.open(resealed, webhookId)).toThrow();
    const forgotten = new WebhookSecretCipher(keys('z'.repeat(40)));
    expect(() => forgotten.open(sealed, webhookId)).toThrow();
  });

  it('should not use the access-token secret as its key', () => {
    const legacyKey = Buffer.from(
      hkdfSync('sha256', 'j'.repeat(40), 'kabinet', 'webhook-signing-secret/v1', 32),
    );
    const sealed = cipher.seal('whsec_secret', webhookId);
    const [, iv, ct, tag] = sealed.split('.');
    const { createDecipheriv } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const decipher = createDecipheriv('aes-256-gcm', legacyKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(webhookId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    expect(() =>
      Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]),
    ).toThrow();
  });
});
