import { getIntrospectionQuery } from 'graphql';
import { signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';
import { PingTestModule } from './ping-test.module';

describe('platform', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [PingTestModule] });
    token = await signTestToken(t.app, { sub: 'user-1' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should carry a mutation through a Bull job to a graphql-ws subscriber', async () => {
    const ws = t.gql.ws(token);
    await ws.connected;
    const sub = ws.subscribe('subscription { pinged { message by } }');
    // The server subscribes to the Redis channel asynchronously after the operation starts.
    await new Promise((r) => setTimeout(r, 300));
    await t.gql.ok(
      'mutation($m: String!) { enqueuePing(input: { message: $m }) }',
      { m: 'привет' },
      { token },
    );
    const event = await sub.next();
    expect(event.data).toEqual({ pinged: { message: 'ПРИВЕТ', by: 'user-1' } });
    await ws.close();
  });

  it('should refuse a graphql-ws connection without a valid token', async () => {
    for (const bad of [undefined, 'not-a-token']) {
      const ws = t.gql.ws(bad);
      await expect(ws.connected).rejects.toThrow(/4403/);
      await ws.close();
    }
  });

  it('should answer UNAUTHENTICATED to an operation without a token', async () => {
    const res = await t.gql.request('{ whoAmI }');
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('should refuse tokens signed with another key, another algorithm or for another audience', async () => {
    const forged = [
      await signTestToken(t.app, { sub: 'x' }, { secret: 'another-secret-another-secret-another' }),
      await signTestToken(t.app, { sub: 'x' }, { algorithm: 'HS512' }),
      await signTestToken(t.app, { sub: 'x' }, { audience: 'someone-else' }),
      await signTestToken(t.app, { sub: 'x' }, { expiresIn: -10 }),
    ];
    for (const bad of forged) {
      const res = await t.gql.request('{ whoAmI }', {}, { token: bad });
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.gql.ok('{ whoAmI }', {}, { token })).whoAmI).toBe('user-1');
  });

  it('should turn class-validator failures into BAD_USER_INPUT naming the field', async () => {
    const res = await t.gql.request(
      'mutation { enqueuePing(input: { message: "far too long for the limit" }) }',
      {},
      { token },
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'message' })],
    });
  });

  it('should hide internals of unexpected errors behind INTERNAL_SERVER_ERROR with a request id', async () => {
    const res = await t.gql.request('{ brokenQuery }');
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(typeof error?.extensions?.requestId).toBe('string');
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/secret_column|no_such_table|SELECT|stacktrace|at /i);
  });

  it('should echo the request id in X-Request-Id and in the internal error', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'support-ticket-0001' },
      body: JSON.stringify({ query: '{ brokenQuery }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('support-ticket-0001');
    const body = (await res.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(body.errors[0].extensions.requestId).toBe('support-ticket-0001');
  });

  it('should pass domain errors through with code and subCode', async () => {
    const res = await t.gql.request('{ conflictQuery }');
    expect(res.errors?.[0]).toMatchObject({
      message: 'Уже существует',
      extensions: { code: 'CONFLICT', subCode: 'ALREADY_EXISTS' },
    });
  });

  it('should keep Apollo codes for malformed operations without internals', async () => {
    const parse = await t.gql.request('{ publicHello ');
    expect(parse.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await t.gql.request('{ noSuchField }');
    expect(invalid.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(invalid)).not.toMatch(/stacktrace/);
  });

  it('should answer the standard introspection query outside production', async () => {
    const res = await t.gql.request(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema).toBeDefined();
  });

  it('should report MySQL and Redis on /health', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.info.mysql.status).toBe('up');
    expect(body.info.redis.status).toBe('up');
  });
});
