import { JwtService } from '@nestjs/jwt';
import { AttemptLimiter, CounterStore, WindowCount } from '../../../core/rate-limit/index';
import type { ApiClientEntity } from '../entities/api-client.entity';
import type { ApiClientRegistry } from '../api-clients/api-client.registry';
import { OAuthError } from './oauth.error';
import { OAuthTokenService } from './oauth-token.service';
import { strictFn as strict } from '../../../../test/support/unit';

class MemoryCounterStore extends CounterStore {
  readonly counts = new Map<string, number>();
  increment(key: string, windowMs: number): Promise<WindowCount> {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return Promise.resolve({ count, resetInMs: windowMs });
  }
  reset(key: string): Promise<void> {
    this.counts.delete(key);
    return Promise.resolve();
  }
}

// Fails the test on any call it was not told to expect.
const AUTH = {
  jwtSecret: 'k'.repeat(40),
  issuer: 'kabinet',
  audience: 'kabinet-api',
  accessTokenTtlSeconds: 900,
};

const CLIENT: ApiClientEntity = {
  id: '6f9a3a7e-5f0e-4d55-9a8b-2b1d5f7c0e11',
  organizationId: '0b7d0d35-3b8c-4a52-a1a4-1e5b0c9d2f33',
  name: 'ERP',
  clientId: 'kbn_0123456789abcdef01234567',
  secretHash: 'x',
  scopes: ['reports:read', 'reports:write'],
  createdByUserId: null,
  createdAt: new Date(),
  lastUsedAt: null,
  revokedAt: null,
};

const form = (body: Record<string, string>) => ({
  form: true,
  body: { grant_type: 'client_credentials', ...body },
});

describe(OAuthTokenService.name, () => {
  let registry: { authenticate: jest.Mock; markUsed: jest.Mock };
  let store: MemoryCounterStore;
  let service: OAuthTokenService;
  const jwt = new JwtService({});

  beforeEach(() => {
    registry = { authenticate: strict(), markUsed: strict() };
    store = new MemoryCounterStore();
    service = new OAuthTokenService(
      registry as unknown as ApiClientRegistry,
      new AttemptLimiter(store),
      jwt,
      AUTH as never,
      { oauthMaxFailures: 3, oauthMaxFailuresPerIp: 100 },
    );
  });

  it('should issue a client token with the organization, the scopes and a jti', async () => {
    registry.authenticate.mockResolvedValue(CLIENT);
    registry.markUsed.mockResolvedValue(undefined);
    const answer = await service.issue(
      form({ client_id: CLIENT.clientId, client_secret: 's' }),
      '10.0.0.1',
    );
    expect(answer).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'reports:read reports:write',
    });
    const claims = jwt.verify<Record<string, unknown>>(answer.access_token, {
      secret: AUTH.jwtSecret,
      issuer: 'kabinet',
      audience: 'kabinet-api',
      algorithms: ['HS256'],
    });
    expect(claims).toMatchObject({
      sub: CLIENT.id,
      typ: 'client',
      org: CLIENT.organizationId,
      scope: 'reports:read reports:write',
    });
    expect(typeof claims.jti).toBe('string');
    expect(registry.authenticate).toHaveBeenCalledWith(CLIENT.clientId, 's');
    expect(registry.markUsed).toHaveBeenCalledWith(CLIENT);
  });

  it('should narrow the token to the scope asked for, and leave org out for platform clients', async () => {
    registry.authenticate.mockResolvedValue({
      ...CLIENT,
      organizationId: null,
      scopes: ['events:write', 'messages:write'],
    });
    registry.markUsed.mockResolvedValue(undefined);
    const answer = await service.issue(
      form({ client_id: 'a', client_secret: 'b', scope: 'events:write' }),
      null,
    );
    expect(answer.scope).toBe('events:write');
    expect(jwt.decode<Record<string, unknown>>(answer.access_token)).not.toHaveProperty('org');
  });

  it('should answer invalid_scope for a scope beyond the client’s', async () => {
    registry.authenticate.mockResolvedValue({ ...CLIENT, scopes: ['reports:read'] });
    await expect(
      service.issue(form({ client_id: 'a', client_secret: 'b', scope: 'reports:write' }), null),
    ).rejects.toMatchObject({ error: 'invalid_scope', status: 400 });
  });

  it('should answer invalid_client for a wrong secret', async () => {
    registry.authenticate.mockResolvedValue(null);
    await expect(
      service.issue(form({ client_id: 'a', client_secret: 'b' }), null),
    ).rejects.toMatchObject({
      error: 'invalid_client',
      status: 401,
    });
  });

  it('should refuse with 429 past the failures allowed per client_id, the right secret too', async () => {
    registry.authenticate.mockResolvedValue(null);
    for (let i = 0; i < 3; i++) {
      await expect(
        service.issue(form({ client_id: 'a', client_secret: 'x' }), `10.0.0.${i}`),
      ).rejects.toMatchObject({
        error: 'invalid_client',
      });
    }
    registry.authenticate.mockResolvedValue(CLIENT);
    const error = (await service
      .issue(form({ client_id: 'a', client_secret: 'right' }), '10.0.0.9')
      .catch((e: unknown) => e)) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ error: 'invalid_request', status: 429 });
    expect(error.headers['Retry-After']).toBe('900');
    expect(registry.authenticate).toHaveBeenCalledTimes(3);
  });

  it('should start the counts afresh after a success', async () => {
    registry.authenticate
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce(null)
      .mockResolvedValue(CLIENT);
    registry.markUsed.mockResolvedValue(undefined);
    for (let i = 0; i < 2; i++) {
      await service
        .issue(form({ client_id: 'a', client_secret: 'x' }), '10.0.0.1')
        .catch(() => undefined);
    }
    await service.issue(form({ client_id: 'a', client_secret: 'right' }), '10.0.0.1');
    expect(store.counts.size).toBe(0);
  });
});
