import {
  clientSecretMatches,
  generateClientId,
  generateClientSecret,
  hashClientSecret,
} from './api-client-credentials';

describe('API client credentials', () => {
  it('should make random ids and 256-bit secrets safe in forms and HTTP Basic', () => {
    expect(generateClientId()).toMatch(/^kbn_[0-9a-f]{24}$/);
    expect(generateClientSecret()).toMatch(/^kbs_[A-Za-z0-9_-]{43}$/);
    expect(generateClientSecret()).not.toBe(generateClientSecret());
  });

  it('should keep a SHA-256 hash and match only the same secret', () => {
    const secret = generateClientSecret();
    const hash = hashClientSecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(secret);
    expect(clientSecretMatches(secret, hash)).toBe(true);
    expect(clientSecretMatches(secret + 'x', hash)).toBe(false);
    expect(clientSecretMatches('', hash)).toBe(false);
    expect(clientSecretMatches(secret, 'not-hex')).toBe(false);
  });
});
