import { getIntrospectionQuery } from 'graphql';
import { signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';
import type { GqlError } from '../../support/graphql-client';

// Every limit must refuse the same way over HTTP and over graphql-ws (which runs queries too).
describe('GraphQL limits', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    // These limits are GraphQL's own; the frame size in front of them (WS_MAX_PAYLOAD_BYTES,
    // tested in live-sockets) is raised here so the same documents reach them over graphql-ws.
    process.env.WS_MAX_PAYLOAD_BYTES = String(4 * 1024 * 1024);
    t = await createTestApp();
    token = await signTestToken(t.app, { sub: 'limits-user' });
  });

  afterAll(async () => {
    await t.close();
    delete process.env.WS_MAX_PAYLOAD_BYTES;
  });

  const deep = (levels: number) =>
    `{ __schema { types { ${'ofType { '.repeat(levels - 3)}name${' }'.repeat(levels - 3)} } } }`;
  const manyAliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: validateIdentifier(kind: INN, value: "7707083894") { valid }`).join(' ')} }`;
  const huge = `{ validateIdentifier(kind: INN, value: "${'1'.repeat(1024 * 1024)}") { valid } }`;

  async function overWs(query: string): Promise<GqlError[]> {
    const ws = t.gql.ws(token);
    await ws.connected;
    const op = ws.subscribe(query);
    const failure = (await op.failure(5000)) as GqlError[] | undefined;
    await ws.close();
    return failure ?? [];
  }

  const refusals: [string, string, RegExp][] = [
    ['a query 30 levels deep', deep(30), /depth/i],
    ['100 aliases', manyAliases(100), /alias/i],
    ['a 1 MB query', huge, /слишком большой/i],
  ];

  it.each(refusals)(
    'should refuse %s over HTTP and graphql-ws alike',
    async (_name, query, message) => {
      const http = await t.gql.request(query, {}, { token });
      expect(http.data ?? null).toBeNull();
      expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(http.errors?.[0].message).toMatch(message);

      const ws = await overWs(query);
      expect(ws[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(ws[0]?.message).toBe(http.errors?.[0].message);
    },
  );

  it('should accept the standard introspection query and a query within the limits', async () => {
    expect((await t.gql.request(getIntrospectionQuery())).errors).toBeUndefined();
    expect((await t.gql.request(manyAliases(10))).errors).toBeUndefined();
  });

  it('should refuse 1 000 aliased calls of an operation with arguments before running any', async () => {
    const query = manyAliases(1000);
    const http = await t.gql.request(query, {}, { token });
    // So many tokens stop the parser itself: nothing is validated or executed.
    expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(http.data ?? null).toBeNull();
    const ws = await overWs(query);
    expect(ws[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(ws[0]?.message).toBe(http.errors?.[0].message);
  });

  it('should refuse HTTP batches', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('should run queries over graphql-ws with the same results as over HTTP', async () => {
    const ws = t.gql.ws(token);
    await ws.connected;
    const op = ws.subscribe(
      '{ validateIdentifier(kind: SNILS, value: "112-233-445 95") { valid normalized } }',
    );
    const result = await op.next();
    expect(result.data).toEqual({
      validateIdentifier: { valid: true, normalized: '112-233-445 95' },
    });
    await ws.close();
  });
});
