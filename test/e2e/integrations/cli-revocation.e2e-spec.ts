import { insertUser } from '../../support/db-fixtures';
import { createOtherOrganization } from '../../support/report-fixtures';
import { signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';
import { restoreIntegrationsEnv } from './integrations-env';
import { REPORTS_COUNT, requestToken, runCli } from './integrations-e2e.helpers';

// The operator CLI takes clients and platform roles away; tokens already issued lose them at once.
describe('operator CLI: revoke-api-client and revoke-role', () => {
  let t: TestApp;
  let inn: string;
  let organizationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    organizationId = await createOtherOrganization(t.dataSource);
    [{ inn }] = await t.dataSource.query<{ inn: string }[]>(
      'SELECT inn FROM organizations WHERE id = ?',
      [organizationId],
    );
  });

  afterAll(async () => {
    await t.close();
    restoreIntegrationsEnv();
  });

  async function cliClient(
    args: string[],
  ): Promise<{ id: string; clientId: string; token: string }> {
    const made = await runCli(['create-api-client', '--name', 'Шина', ...args]);
    expect(made.code).toBe(0);
    const { id, clientId, clientSecret } = JSON.parse(made.stdout);
    const answer = await requestToken(t, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(answer.status).toBe(200);
    return { id, clientId, token: answer.body.access_token };
  }

  it('should refuse a revoked client’s already issued token at once, by id or client_id', async () => {
    const [bound, platform] = await Promise.all([
      cliClient(['--scopes', 'reports:read', '--organization', inn]),
      cliClient(['--scopes', 'events:write']),
    ]);
    await t.gql.ok(REPORTS_COUNT, {}, { token: bound.token });
    // A platform client has no organization: refused for this query, but not as unauthenticated.
    const before = await t.gql.request(REPORTS_COUNT, {}, { token: platform.token });
    expect(before.errors?.[0].extensions?.code).not.toBe('UNAUTHENTICATED');

    const [byClientId, byId] = await Promise.all([
      runCli(['revoke-api-client', bound.clientId]),
      runCli(['revoke-api-client', platform.id]),
    ]);
    expect(byClientId.code).toBe(0);
    expect(JSON.parse(byClientId.stdout)).toEqual({
      id: bound.id,
      clientId: bound.clientId,
      organizationId,
      revoked: true,
    });
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ id: platform.id, revoked: true });

    for (const token of [bound.token, platform.token]) {
      const refused = await t.gql.request(REPORTS_COUNT, {}, { token });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        subCode: 'SESSION_ENDED',
      });
    }
    const ws = t.gql.ws(bound.token);
    await expect(ws.connected).rejects.toThrow(/closed/);
    await ws.close();

    // Revoking again is harmless; unknown ids and no id are refused with a non-zero exit.
    const [again, unknown, usage] = await Promise.all([
      runCli(['revoke-api-client', bound.id]),
      runCli(['revoke-api-client', 'kbn_no_such_client']),
      runCli(['revoke-api-client']),
    ]);
    expect(JSON.parse(again.stdout)).toMatchObject({ revoked: false });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no API client/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage/);
  });

  it('should take a platform role away from an open session at once', async () => {
    const user = await insertUser(t.dataSource);
    const token = await signTestToken(t.app, { sub: user.id });
    const dashboard = () =>
      fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${token}` } });
    expect((await runCli(['grant-role', user.phone, 'PLATFORM_ADMIN'])).code).toBe(0);
    expect((await dashboard()).status).toBe(200);

    const revoked = await runCli(['revoke-role', user.phone.replace('+7', '8'), 'platform_admin']);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toEqual({
      userId: user.id,
      phone: user.phone,
      role: 'PLATFORM_ADMIN',
      revoked: true,
    });
    // The same token, no new sign-in: the role is gone.
    expect((await dashboard()).status).toBe(403);

    const [twice, badRole, noUser, usage] = await Promise.all([
      runCli(['revoke-role', user.phone, 'PLATFORM_ADMIN']),
      runCli(['revoke-role', user.phone, 'SUPERUSER']),
      runCli(['revoke-role', '+79990000000', 'PLATFORM_ADMIN']),
      runCli(['revoke-role', user.phone]),
    ]);
    expect(JSON.parse(twice.stdout)).toMatchObject({ revoked: false });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/unknown role SUPERUSER/);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/no account/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage/);
  });
});
