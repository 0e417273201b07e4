import { checkWebhookTarget, isRefusal } from './webhook-target';

describe('checkWebhookTarget', () => {
  const refusal = (raw: string, allowed: string[] = []) => {
    const result = checkWebhookTarget(raw, allowed);
    return isRefusal(result) ? result.reason : 'accepted';
  };

  it('should accept https URLs on host names and public addresses', () => {
    expect(refusal('https://hooks.example.ru/kabinet?x=1')).toBe('accepted');
    expect(refusal('https://93.184.216.34:8443/hook')).toBe('accepted');
    expect(refusal('https://[2606:4700:4700::1111]/hook')).toBe('accepted');
  });

  it('should refuse plain http unless the host is allow-listed', () => {
    expect(refusal('http://example.ru/hook')).toBe('invalid');
    expect(refusal('http://127.0.0.1:8080/hook', ['127.0.0.1'])).toBe('accepted');
    expect(refusal('http://RECEIVER.test/hook', ['receiver.test'])).toBe('accepted');
  });

  it('should refuse other schemes, relative URLs and credentials', () => {
    expect(refusal('ftp://example.ru/')).toBe('invalid');
    expect(refusal('file:///etc/passwd')).toBe('invalid');
    expect(refusal('/hook')).toBe('invalid');
    expect(refusal('https://user:pass@example.ru/')).toBe('invalid');
    // Within 2048 characters as typed, beyond once percent-encoded.
    expect(refusal(`https://example.ru/${'ж'.repeat(400)}`)).toBe('invalid');
  });

  it('should refuse internal IP literals, however they are spelled', () => {
    expect(refusal('https://127.0.0.1/')).toBe('forbidden');
    expect(refusal('https://2130706433/')).toBe('forbidden');
    expect(refusal('https://0x7f.1/')).toBe('forbidden');
    expect(refusal('https://[::1]/')).toBe('forbidden');
    expect(refusal('https://[::ffff:127.0.0.1]/')).toBe('forbidden');
    expect(refusal('https://169.254.169.254/latest/meta-data')).toBe('forbidden');
    expect(refusal('https://100.64.0.1/')).toBe('forbidden');
    expect(refusal('https://[fd00::1]/')).toBe('forbidden');
    expect(refusal('https://[fe80::1]/')).toBe('forbidden');
    expect(refusal('https://0.0.0.0/')).toBe('forbidden');
  });

  it('should let allow-listed hosts through whatever their address', () => {
    expect(refusal('https://127.0.0.1/', ['127.0.0.1'])).toBe('accepted');
    expect(refusal('https://[::1]/', ['::1'])).toBe('accepted');
  });
});
