import type { ConfigType } from '@nestjs/config';
import type { authConfig } from '../../../config/configuration';
import { isRedirectUriAllowed, readFederatedLoginSettings } from './federated-login.settings';

type AuthConfig = ConfigType<typeof authConfig>;

function config(oidc: Partial<AuthConfig['oidc']>): AuthConfig {
  return {
    oidc: {
      issuer: 'https://esia.example',
      clientId: 'kabinet',
      clientSecret: 'secret',
      redirectUris: ['https://portal.example/callback'],
      allowInsecureIssuer: false,
      scopes: 'openid profile',
      requireBinding: true,
      ...oidc,
    },
  } as AuthConfig;
}

describe('readFederatedLoginSettings', () => {
  it('should be off without OIDC_ISSUER', () => {
    expect(readFederatedLoginSettings(config({ issuer: undefined }), false)).toBeNull();
  });

  it('should accept an https issuer', () => {
    const settings = readFederatedLoginSettings(config({}), true);
    expect(settings).toMatchObject({ clientId: 'kabinet', insecure: false });
    expect(settings?.issuer.href).toBe('https://esia.example/');
  });

  it('should refuse a plain-http issuer unless explicitly allowed outside production', () => {
    const http = { issuer: 'http://127.0.0.1:4000' };
    expect(() => readFederatedLoginSettings(config(http), false)).toThrow(/OIDC_ISSUER/);
    expect(() =>
      readFederatedLoginSettings(config({ ...http, allowInsecureIssuer: true }), true),
    ).toThrow(/OIDC_ISSUER/);
    expect(
      readFederatedLoginSettings(config({ ...http, allowInsecureIssuer: true }), false)?.insecure,
    ).toBe(true);
  });

  it('should require the client credentials with an issuer', () => {
    expect(() => readFederatedLoginSettings(config({ clientSecret: undefined }), false)).toThrow(
      /OIDC_CLIENT_SECRET/,
    );
  });
});

describe('isRedirectUriAllowed', () => {
  const settings = readFederatedLoginSettings(config({}), false)!;

  it('should match exactly, never by prefix or case', () => {
    expect(isRedirectUriAllowed(settings, 'https://portal.example/callback')).toBe(true);
    expect(isRedirectUriAllowed(settings, 'https://portal.example/callback/x')).toBe(false);
    expect(isRedirectUriAllowed(settings, 'https://portal.example/callback?x=1')).toBe(false);
    expect(isRedirectUriAllowed(settings, 'https://PORTAL.example/callback')).toBe(false);
  });
});
