import { PlatformRolesService } from '../../../src/modules/platform-roles';
import { runCli } from '../../support/cli';
import { insertUser } from '../../support/db-fixtures';
import { signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';

describe('queue dashboard and platform roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should open /admin/queues to platform administrators only', async () => {
    const user = await insertUser(t.dataSource);
    const token = await signTestToken(t.app, { sub: user.id });

    expect((await fetch(`${t.url}/admin/queues`)).status).toBe(401);
    const forged = await signTestToken(t.app, { sub: user.id }, { secret: 'x'.repeat(40) });
    expect(
      (await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${forged}` } }))
        .status,
    ).toBe(401);
    expect(
      (await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(403);

    const granted = await runCli(['grant-role', user.phone.replace('+7', '8'), 'PLATFORM_ADMIN']);
    expect(granted.code).toBe(0);
    expect(JSON.parse(granted.stdout)).toEqual({
      userId: user.id,
      phone: user.phone,
      role: 'PLATFORM_ADMIN',
      granted: true,
    });

    const page = await fetch(`${t.url}/admin/queues`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const api = await fetch(`${t.url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(200);
  });

  it('should answer 500 with a request id, not stop the process, when the role check fails', async () => {
    const user = await insertUser(t.dataSource);
    const token = await signTestToken(t.app, { sub: user.id });
    const roles = t.app.get(PlatformRolesService, { strict: false });
    const spy = jest.spyOn(roles, 'hasRole').mockRejectedValue(new Error('database away'));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const res = await fetch(`${t.url}/admin/queues`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      spy.mockRestore();
    }
    // The API still answers.
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });

  it('should refuse unknown roles and phones in the CLI with a message and a non-zero exit', async () => {
    const user = await insertUser(t.dataSource);
    const badRole = await runCli(['grant-role', user.phone, 'SUPERUSER']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/unknown role/);
    const noUser = await runCli(['grant-role', '+79990000000', 'PLATFORM_ADMIN']);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/no account/);
    const again = await runCli(['grant-role', user.phone, 'INTER_AGENCY_OPERATOR']);
    expect(JSON.parse(again.stdout).granted).toBe(true);
    const twice = await runCli(['grant-role', user.phone, 'INTER_AGENCY_OPERATOR']);
    expect(JSON.parse(twice.stdout).granted).toBe(false);
  });
});
