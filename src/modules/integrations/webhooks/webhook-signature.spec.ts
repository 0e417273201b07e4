import { createHmac } from 'node:crypto';
import {
  generateSigningSecret,
  signWebhookBody,
  verifyWebhookSignature,
} from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'whsec_test-secret';
  const body = '{"event":"REMOTE_WORK_REPORT_STATUS_CHANGED","data":{"status":"ACCEPTED"}}';

  it('should be sha256= and the hex HMAC-SHA256 of the exact body bytes', () => {
    const expected = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signWebhookBody(body, secret)).toBe(`sha256=${expected}`);
    expect(signWebhookBody(Buffer.from(body), secret)).toBe(`sha256=${expected}`);
  });

  it('should verify a matching signature and refuse any change', () => {
    const signature = signWebhookBody(body, secret);
    expect(verifyWebhookSignature(body, secret, signature)).toBe(true);
    expect(verifyWebhookSignature(body + ' ', secret, signature)).toBe(false);
    expect(verifyWebhookSignature(body, 'whsec_other', signature)).toBe(false);
    expect(verifyWebhookSignature(body, secret, signature.slice(0, -1))).toBe(false);
    expect(verifyWebhookSignature(body, secret, undefined)).toBe(false);
  });

  it('should sign Cyrillic text by its UTF-8 bytes', () => {
    const text = '{"name":"Отчёт"}';
    const expected = createHmac('sha256', secret).update(Buffer.from(text, 'utf8')).digest('hex');
    expect(signWebhookBody(text, secret)).toBe(`sha256=${expected}`);
  });

  it('should make distinct 256-bit secrets', () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateSigningSecret()).not.toBe(a);
  });
});
