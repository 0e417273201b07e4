import type { ConfigType } from '@nestjs/config';
import type { appConfig, authConfig } from '../../../config/configuration';
import type { AttemptLimiter } from '../../../core/rate-limit/index';
import type { AuthLimits } from '../auth-limits';
import type { SessionService } from '../sessions/session.service';
import type { FederatedAccountService } from './federated-account.service';
import { hashClientBinding } from './client-binding';
import type { AccountLinkService } from '../linking/account-link.service';
import { FederatedLoginService } from './federated-login.service';
import type { FederatedStateStore, PendingFederatedLogin } from './federated-state.store';
import type { OidcRelyingParty } from './oidc-relying-party';
import { strictObject as strict } from '../../../../test/support/unit';

// A mock whose un-stubbed methods fail the test.
const ALLOWED = 'https://portal.example/callback';
const client = { ip: '10.0.0.1', userAgent: 'jest' };
const BINDING = 'binding-secret';
const pending: PendingFederatedLogin = {
  redirectUri: ALLOWED,
  codeVerifier: 'v',
  nonce: 'n',
  bindingHash: hashClientBinding(BINDING),
};

function auth(issuer: string | undefined): ConfigType<typeof authConfig> {
  return {
    oidc: {
      issuer,
      clientId: 'kabinet',
      clientSecret: 'secret',
      redirectUris: [ALLOWED],
      allowInsecureIssuer: false,
      scopes: 'openid',
      requireBinding: true,
    },
  } as ConfigType<typeof authConfig>;
}

interface Mocks {
  rp?: Partial<Record<keyof OidcRelyingParty, unknown>>;
  states?: Partial<Record<keyof FederatedStateStore, unknown>>;
  accounts?: Partial<Record<keyof FederatedAccountService, unknown>>;
  sessions?: Partial<Record<keyof SessionService, unknown>>;
}

function build(mocks: Mocks, issuer: string | null = 'https://esia.example') {
  return new FederatedLoginService(
    strict<OidcRelyingParty>(mocks.rp),
    strict<FederatedStateStore>(mocks.states),
    strict<FederatedAccountService>(mocks.accounts),
    strict<SessionService>(mocks.sessions),
    strict<AttemptLimiter>({ consume: jest.fn().mockResolvedValue(undefined) }),
    strict<AuthLimits>({ attemptsPerIp: { name: 'login:ip', max: 100, windowSeconds: 900 } }),
    strict<AccountLinkService>({}),
    auth(issuer ?? undefined),
    { production: false } as ConfigType<typeof appConfig>,
  );
}

describe(FederatedLoginService.name, () => {
  it('should refuse both operations when OIDC is not configured', async () => {
    const service = build({}, null);
    await expect(service.start(ALLOWED)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'FEDERATED_LOGIN_NOT_CONFIGURED',
    });
    await expect(service.complete('c', 's', client)).rejects.toMatchObject({
      subCode: 'FEDERATED_LOGIN_NOT_CONFIGURED',
    });
  });

  it('should refuse a redirect URI off the allow-list before contacting the provider', async () => {
    await expect(build({}).start('https://evil.example/cb')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'REDIRECT_URI_NOT_ALLOWED',
      extras: { fields: [expect.objectContaining({ field: 'redirectUri' })] },
    });
  });

  it('should keep the verifier, nonce and redirect URI under the state', async () => {
    const put = jest.fn().mockResolvedValue(undefined);
    const service = build({
      rp: {
        authorizationRequest: jest
          .fn()
          .mockResolvedValue({ url: 'https://esia.example/auth?x', state: 'st', pending }),
      },
      states: { put },
    });
    const started = await service.start(ALLOWED);
    expect(started).toEqual({
      url: 'https://esia.example/auth?x',
      state: 'st',
      clientBinding: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(put).toHaveBeenCalledWith('st', {
      ...pending,
      bindingHash: hashClientBinding(started.clientBinding),
    });
  });

  it('should refuse an unknown state without redeeming the code', async () => {
    const service = build({ states: { peek: jest.fn().mockResolvedValue(null) } });
    await expect(service.complete('c', 's', client, BINDING)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'FEDERATED_STATE_INVALID',
    });
  });

  it('should refuse a state whose redirect URI left the allow-list', async () => {
    const service = build({
      states: {
        peek: jest.fn().mockResolvedValue(pending),
        take: jest.fn().mockResolvedValue({ ...pending, redirectUri: 'https://old.example/cb' }),
      },
    });
    await expect(service.complete('c', 's', client, BINDING)).rejects.toMatchObject({
      subCode: 'FEDERATED_STATE_INVALID',
    });
  });

  it('should refuse a missing or wrong client binding without taking the state', async () => {
    const take = jest.fn();
    const service = build({ states: { peek: jest.fn().mockResolvedValue(pending), take } });
    for (const binding of [undefined, null, '', 'another-secret']) {
      await expect(service.complete('c', 's', client, binding)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'FEDERATED_BINDING_INVALID',
      });
    }
    expect(take).not.toHaveBeenCalled();
  });

  it('should refuse claims without a sub', async () => {
    const service = build({
      states: {
        peek: jest.fn().mockResolvedValue(pending),
        take: jest.fn().mockResolvedValue(pending),
      },
      rp: { redeem: jest.fn().mockResolvedValue({ issuer: 'https://esia.example', claims: {} }) },
    });
    await expect(service.complete('c', 's', client, BINDING)).rejects.toMatchObject({
      subCode: 'FEDERATED_LOGIN_FAILED',
    });
  });

  it('should sign in the account the claims resolve to', async () => {
    const opened = { session: { id: 's1' }, refreshToken: 'r' };
    const signIn = jest.fn().mockResolvedValue({
      kind: 'signedIn',
      user: { id: 'u1' },
      origin: 'created',
      snilsConfirmed: false,
      opened,
    });
    const payload = jest.fn().mockResolvedValue({ accessToken: 'a' });
    const redeem = jest
      .fn()
      .mockResolvedValue({ issuer: 'https://esia.example', claims: { sub: 'sub-1' } });
    const service = build({
      states: {
        peek: jest.fn().mockResolvedValue(pending),
        take: jest.fn().mockResolvedValue(pending),
      },
      rp: { redeem },
      accounts: { signIn },
      sessions: { payload },
    });
    await expect(service.complete('code', 'st', client, BINDING)).resolves.toEqual({
      accessToken: 'a',
    });
    expect(redeem).toHaveBeenCalledWith(expect.anything(), pending, 'code', 'st');
    expect(signIn).toHaveBeenCalledWith(
      'https://esia.example',
      expect.objectContaining({ subject: 'sub-1' }),
      client,
    );
    expect(payload).toHaveBeenCalledWith({ id: 'u1' }, opened);
  });
});
