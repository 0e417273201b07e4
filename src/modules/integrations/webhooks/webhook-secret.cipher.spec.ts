import { WebhookSecretCipher } from './webhook-secret.cipher';

describe(WebhookSecretCipher.name, () => {
  const cipher = new WebhookSecretCipher({ jwtSecret: 'x'.repeat(40) });
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
    const other = new WebhookSecretCipher({ jwtSecret: 'y'.repeat(40) });
    expect(() => other.open(sealed, webhookId)).toThrow();
    expect(() => cipher.open('garbage', webhookId)).toThrow('format');
  });
});
