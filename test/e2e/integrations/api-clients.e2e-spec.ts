import { restoreIntegrationsEnv } from './integrations-env';
import { JwtService } from '@nestjs/jwt';
import { createOtherOrganization, memberToken } from '../../support/report-fixtures';
import { signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  API_CLIENTS,
  basicAuth,
  clientWithToken,
  CREATE_API_CLIENT,
  REPORTS_COUNT,
  requestToken,
  REVOKE_API_CLIENT,
  runCli,
} from './integrations-e2e.helpers';

describe('integrators: API clients and POST /oauth/token', () => {
  let t: TestApp;
  let organizationId: string;
  let head: string;

  beforeAll(async () => {
    t = await createTestApp();
    organizationId = await createOtherOrganization(t.dataSource);
    head = (await memberToken(t, organizationId, 'HEAD')).token;
  });

  afterAll(async () => {
    await t.close();
    restoreIntegrationsEnv();
  });

  it('should create a client, show its secret once, and give tokens by Basic and by form fields that work over HTTP and graphql-ws', async () => {
    const { createApiClient } = await t.gql.ok(
      CREATE_API_CLIENT,
      { name: ' 1С:Зарплата ', scopes: ['reports:write', 'reports:read'] },
      { token: head },
    );
    const { client, clientSecret } = createApiClient;
    expect(client).toMatchObject({
      name: '1С:Зарплата',
      scopes: ['reports:read', 'reports:write'],
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(client.clientId).toMatch(/^kbn_/);
    expect(clientSecret).toMatch(/^kbs_/);
    const [stored] = await t.dataSource.query<{ secret_hash: string }[]>(
      'SELECT secret_hash FROM api_clients WHERE id = ?',
      [client.id],
    );
    expect(stored.secret_hash).not.toContain(clientSecret);

    const byBasic = await requestToken(
      t,
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(client.clientId, clientSecret) },
    );
    expect(byBasic.status).toBe(200);
    expect(byBasic.headers.get('cache-control')).toBe('no-store');
    expect(byBasic.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'reports:read reports:write',
    });
    const claims = t.app.get(JwtService).decode<Record<string, unknown>>(byBasic.body.access_token);
    expect(claims).toMatchObject({
      sub: client.id,
      typ: 'client',
      org: organizationId,
      scope: 'reports:read reports:write',
      iss: 'kabinet',
      aud: 'kabinet-api',
    });
    expect(typeof claims.jti).toBe('string');

    const byForm = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: clientSecret,
      scope: 'reports:read',
    });
    expect(byForm.status).toBe(200);
    expect(byForm.body.scope).toBe('reports:read');

    const token = byForm.body.access_token as string;
    const overHttp = await t.gql.ok(REPORTS_COUNT, {}, { token });
    expect(overHttp.remoteWorkReports.totalCount).toBe(0);

    const ws = t.gql.ws(token);
    try {
      await ws.connected;
      const result = await ws.subscribe(REPORTS_COUNT).next();
      expect(result.errors).toBeUndefined();
      expect(result.data?.remoteWorkReports.totalCount).toBe(0);
    } finally {
      await ws.close();
    }

    // Clients never manage the organization's integrations.
    const refused = await t.gql.request(API_CLIENTS, {}, { token });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const { apiClients } = await t.gql.ok(API_CLIENTS, {}, { token: head });
    const listed = apiClients.find((c: { id: string }) => c.id === client.id);
    expect(listed).toMatchObject({ clientId: client.clientId, revokedAt: null });
    expect(listed).not.toHaveProperty('clientSecret');
    expect(new Date(listed.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('should answer token errors as RFC 6749 §5.2', async () => {
    const { clientId, clientSecret } = await clientWithToken(t, head, ['reports:read']);

    const wrongBasic = await requestToken(
      t,
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(clientId, clientSecret + 'x') },
    );
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.body).toEqual({
      error: 'invalid_client',
      error_description: expect.any(String),
    });
    expect(wrongBasic.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(wrongBasic.headers.get('cache-control')).toBe('no-store');

    const wrongPost = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: 'kbs_wrong',
    });
    expect(wrongPost.status).toBe(401);
    expect(wrongPost.body.error).toBe('invalid_client');
    expect(wrongPost.headers.get('www-authenticate')).toBeNull();

    const unknownClient = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: 'kbn_000000000000000000000000',
      client_secret: clientSecret,
    });
    expect(unknownClient.body.error).toBe('invalid_client');

    const grant = await requestToken(
      t,
      { grant_type: 'password', username: 'a', password: 'b' },
      { authorization: basicAuth(clientId, clientSecret) },
    );
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unsupported_grant_type');

    const scope = await requestToken(
      t,
      { grant_type: 'client_credentials', scope: 'reports:read reports:write' },
      { authorization: basicAuth(clientId, clientSecret) },
    );
    expect(scope.status).toBe(400);
    expect(scope.body.error).toBe('invalid_scope');

    const both = await requestToken(
      t,
      { grant_type: 'client_credentials', client_secret: clientSecret },
      { authorization: basicAuth(clientId, clientSecret) },
    );
    expect(both.status).toBe(400);
    expect(both.body.error).toBe('invalid_request');

    const json = await fetch(`${t.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');

    const anonymous = await requestToken(t, { grant_type: 'client_credentials' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('invalid_client');
  });

  it('should refuse a revoked client’s tokens at once, over HTTP and graphql-ws', async () => {
    const client = await clientWithToken(t, head, ['reports:read']);
    await t.gql.ok(REPORTS_COUNT, {}, { token: client.accessToken });

    expect(await t.gql.ok(REVOKE_API_CLIENT, { id: client.id }, { token: head })).toEqual({
      revokeApiClient: true,
    });

    const refused = await t.gql.request(REPORTS_COUNT, {}, { token: client.accessToken });
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const ws = t.gql.ws(client.accessToken);
    await expect(ws.connected).rejects.toThrow(/closed/);
    await ws.close();

    const again = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('invalid_client');

    // Revoking again is harmless; the list shows when it happened.
    await t.gql.ok(REVOKE_API_CLIENT, { id: client.id }, { token: head });
    const { apiClients } = await t.gql.ok(API_CLIENTS, {}, { token: head });
    const listed = apiClients.find((c: { id: string }) => c.id === client.id);
    expect(listed.revokedAt).not.toBeNull();
  });

  it('should answer 429 after too many failed authentications of a client_id, even to the right secret', async () => {
    const { clientId, clientSecret } = await clientWithToken(t, head, ['reports:read']);
    for (let i = 0; i < 20; i++) {
      const wrong = await requestToken(t, {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: `kbs_wrong_${i}`,
      });
      expect(wrong.status).toBe(401);
    }
    const limited = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: 'invalid_request',
      error_description: expect.stringMatching(/retry/i),
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('should refuse employees, individuals, anonymous callers, platform scopes and other organizations’ ids', async () => {
    const employee = (await memberToken(t, organizationId, 'EMPLOYEE')).token;
    const vars = { name: 'ERP', scopes: ['reports:read'] };
    const forbidden = await t.gql.request(CREATE_API_CLIENT, vars, { token: employee });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await t.gql.request(API_CLIENTS, {}, { token: employee })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const individual = await signTestToken(t.app, {
      sub: (await memberToken(t, organizationId, 'HEAD')).userId,
    });
    const noContext = await t.gql.request(CREATE_API_CLIENT, vars, { token: individual });
    expect(noContext.errors?.[0].extensions?.code).toBe('ORGANIZATION_CONTEXT_REQUIRED');

    const anonymous = await t.gql.request(CREATE_API_CLIENT, vars);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const platform = await t.gql.request(
      CREATE_API_CLIENT,
      { name: 'ERP', scopes: ['reports:read', 'events:write'] },
      { token: head },
    );
    expect(platform.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'API_CLIENT_SCOPES_INVALID',
      fields: [{ field: 'scopes', message: expect.stringContaining('events:write') }],
    });
    const empty = await t.gql.request(
      CREATE_API_CLIENT,
      { name: 'ERP', scopes: [] },
      { token: head },
    );
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const mine = await clientWithToken(t, head, ['reports:read']);
    const otherHead = (await memberToken(t, await createOtherOrganization(t.dataSource), 'HEAD'))
      .token;
    const notFound = await t.gql.request(REVOKE_API_CLIENT, { id: mine.id }, { token: otherHead });
    expect(notFound.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'API_CLIENT_NOT_FOUND',
    });
    const { apiClients } = await t.gql.ok(API_CLIENTS, {}, { token: otherHead });
    expect(apiClients).toEqual([]);
    await t.gql.ok(REPORTS_COUNT, {}, { token: mine.accessToken });
  });

  it('should make clients from the CLI, platform scopes and organizations included', async () => {
    const [{ inn }] = await t.dataSource.query<{ inn: string }[]>(
      'SELECT inn FROM organizations WHERE id = ?',
      [organizationId],
    );
    // Each run boots the CLI (about 2 s): independent runs go in parallel.
    const [platform, bound, badScope, noOrg, usage] = await Promise.all([
      runCli([
        'create-api-client',
        '--name',
        'Шина событий',
        '--scopes',
        'events:write,messages:write',
      ]),
      runCli([
        'create-api-client',
        '--name',
        'ERP',
        '--scopes',
        'reports:read',
        '--organization',
        inn,
      ]),
      runCli(['create-api-client', '--name', 'X', '--scopes', 'admin']),
      runCli([
        'create-api-client',
        '--name',
        'X',
        '--scopes',
        'reports:read',
        '--organization',
        '0000000000',
      ]),
      runCli(['create-api-client', '--scopes', 'reports:read']),
    ]);

    expect(platform.stderr).toBe('');
    expect(platform.code).toBe(0);
    const created = JSON.parse(platform.stdout);
    expect(created).toMatchObject({
      clientId: expect.stringMatching(/^kbn_/),
      clientSecret: expect.stringMatching(/^kbs_/),
      scopes: ['events:write', 'messages:write'],
      organizationId: null,
    });
    const token = await requestToken(
      t,
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(created.clientId, created.clientSecret) },
    );
    expect(token.status).toBe(200);
    expect(token.body.scope).toBe('events:write messages:write');
    const claims = t.app.get(JwtService).decode<Record<string, unknown>>(token.body.access_token);
    expect(claims).not.toHaveProperty('org');

    expect(bound.code).toBe(0);
    const boundClient = JSON.parse(bound.stdout);
    expect(boundClient.organizationId).toBe(organizationId);
    const boundToken = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: boundClient.clientId,
      client_secret: boundClient.clientSecret,
    });
    await t.gql.ok(REPORTS_COUNT, {}, { token: boundToken.body.access_token });

    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/unknown scopes admin/);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toMatch(/no organization/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage/);
  });
});
