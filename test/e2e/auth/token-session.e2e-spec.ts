import { randomUUID } from 'node:crypto';
import { openTestSession, signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';

const ADD_VEHICLE = 'mutation($input: VehicleInput!) { addVehicle(input: $input) { id plate } }';

// ASVS 5.0 V7.2.1 / V9.2.1: a person's access token is only as good as its session. A token
// signed with the right key but naming no session could not be ended by logout, revocation or a
// password change, so the server refuses it.
describe('access tokens without a session', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function vehiclesOf(userId: string): Promise<number> {
    const [row] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM vehicles WHERE user_id = ?',
      [userId],
    );
    return Number(row.n);
  }

  it('should refuse a user token without sid over HTTP and write nothing', async () => {
    const userId = randomUUID();
    // The account and a live session exist: only the missing sid is wrong with the token.
    await openTestSession(t.app, { sub: userId });
    const withoutSid = await signTestToken(t.app, { sub: userId, sid: undefined });

    const res = await t.gql.request(
      ADD_VEHICLE,
      { input: { plate: 'а123вс77' } },
      { token: withoutSid },
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'TOKEN_WITHOUT_SESSION',
    });
    expect(res.errors?.[0].extensions?.userMessage ?? res.errors?.[0].message).toMatch(
      /войдите снова/,
    );
    expect(res.data ?? null).toBeNull();
    expect(await vehiclesOf(userId)).toBe(0);

    const empty = await signTestToken(t.app, { sub: userId, sid: '' });
    const again = await t.gql.request('{ me { id } }', {}, { token: empty });
    expect(again.errors?.[0].extensions?.subCode).toBe('TOKEN_WITHOUT_SESSION');
  });

  it('should accept the same account with a token of its session', async () => {
    const userId = randomUUID();
    const token = await signTestToken(t.app, { sub: userId });
    const res = await t.gql.ok(ADD_VEHICLE, { input: { plate: 'а123вс77' } }, { token });
    expect(res.addVehicle.plate).toBe('А123ВС77');
    expect(await vehiclesOf(userId)).toBe(1);
  });

  it('should refuse a graphql-ws connection with a user token without sid', async () => {
    const userId = randomUUID();
    await openTestSession(t.app, { sub: userId });
    const ws = t.gql.ws(await signTestToken(t.app, { sub: userId, sid: undefined }));
    await expect(ws.connected).rejects.toThrow(/4403/);
    await ws.close();
  });
});
