import { restoreEnvironment } from './production-env';
import { RedisClients } from '../../../src/core/redis';
import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { createOtherOrganization, headToken } from '../../support/report-fixtures';
import { signTestToken } from '../../support/tokens';
import { createTestApp, TestApp } from '../../support/test-app';
import type { GqlError } from '../../support/graphql-client';
import { UploadTestModule, uploadCalls } from './upload-test.module';

function multipart(size: number): FormData {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: 'mutation($f: Upload!) { uploadTest(file: $f) }',
      variables: { f: null },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([Buffer.alloc(size, 0x41)]), 'report.xlsx');
  return form;
}

describe('production mode and operations', () => {
  let t: TestApp;
  let token: string;
  // Only callers who may submit reports get past the upload middleware: an employer's HEAD.
  let uploader: string;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [UploadTestModule] });
    token = await signTestToken(t.app, { sub: randomUUID() });
    uploader = await headToken(t.dataSource, await createOtherOrganization(t.dataSource));
  });

  afterAll(async () => {
    // This file's low limits left counters and blocks (the test address is blocked for a
    // minute) in the run's Redis namespace: later files share it, with their own limits.
    const redis = t.app.get(RedisClients).get('limits');
    const prefix = redis.options.keyPrefix ?? '';
    const keys = (await redis.keys(`${prefix}throttle:*`)).map((k) => k.slice(prefix.length));
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    await t.close();
    restoreEnvironment();
  });

  it('should refuse introspection over HTTP and graphql-ws alike', async () => {
    const http = await t.gql.request(getIntrospectionQuery(), {}, { token });
    expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.errors?.[0].message).toMatch(/introspection/i);

    const ws = t.gql.ws(token);
    await ws.connected;
    const failure = (await ws.subscribe('{ __schema { types { name } } }').failure()) as GqlError[];
    await ws.close();
    expect(failure[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(failure[0].message).toMatch(/introspection/i);
  });

  it('should not suggest field names', async () => {
    const res = await t.gql.request('{ validateIdentifie(kind: INN, value: "1") { valid } }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('should send security headers and no landing page', async () => {
    const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.text()).not.toMatch(/<html/i);
  });

  it('should refuse a multipart upload without the CSRF header before reading it', async () => {
    uploadCalls.length = 0;
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: multipart(1000),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
    expect(uploadCalls).toEqual([]);
  });

  it('should refuse an anonymous multipart upload before reading it', async () => {
    uploadCalls.length = 0;
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true' },
      body: multipart(1000),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: GqlError[] };
    expect(body.errors[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(uploadCalls).toEqual([]);
  });

  it('should stop reading an upload over the size limit with PAYLOAD_TOO_LARGE', async () => {
    uploadCalls.length = 0;
    const ok = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${uploader}`, 'apollo-require-preflight': 'true' },
      body: multipart(1000),
    });
    expect(((await ok.json()) as { data: { uploadTest: number } }).data.uploadTest).toBe(1000);

    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${uploader}`, 'apollo-require-preflight': 'true' },
      body: multipart(3 * 1024 * 1024),
    });
    const body = (await res.json()) as { errors: GqlError[] };
    expect(body.errors[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const last = uploadCalls.at(-1)!;
    expect(last.error).toBeDefined();
    expect(last.bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it('should answer RATE_LIMITED with retryAfterSeconds once a caller exceeds its limit', async () => {
    const caller = await signTestToken(t.app, { sub: randomUUID() });
    const query = '{ validateIdentifier(kind: INN, value: "7707083894") { valid } }';
    const results = [];
    for (let i = 0; i < 22; i++) {
      results.push(await t.gql.request(query, {}, { token: caller }));
    }
    expect(results.slice(0, 20).every((r) => !r.errors)).toBe(true);
    const limited = results[21].errors?.[0];
    expect(limited?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Aliases in one request are one operation for this limit but count as separate calls for
    // the sign-in limits, which count attempts in the auth module.
  });

  const scrape = () =>
    fetch(`${t.url}/metrics`, {
      headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` },
    }).then((r) => r.text());

  it('should serve /metrics only with the METRICS_TOKEN bearer', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.url}/metrics`, {
      headers: { authorization: 'Bearer metrics-test-token-0123456780' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toMatch(/kabinet_/);
    expect(await scrape()).toMatch(/kabinet_http_request_duration_seconds_count/);
  });

  it('should not suggest field names over graphql-ws either', async () => {
    const ws = t.gql.ws(token);
    await ws.connected;
    const failure = (await ws
      .subscribe('{ validateIdentifie(kind: INN, value: "1") { valid } }')
      .failure()) as GqlError[];
    await ws.close();
    expect(failure[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(failure[0].message).toMatch(/Cannot query field/);
    expect(failure[0].message).not.toMatch(/Did you mean/);
  });

  it('should expose Prometheus metrics that move with traffic', async () => {
    const read = async () => {
      const text = await scrape();
      const line = text
        .split('\n')
        .find((l) =>
          l.startsWith(
            'kabinet_graphql_operation_duration_seconds_count{type="query",field="validateIdentifier",outcome="ok"}',
          ),
        );
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await read();
    await t.gql.request('{ validateIdentifier(kind: INN, value: "7707083894") { valid } }');
    expect(await read()).toBe(before + 1);
    const text = await scrape();
    expect(text).toMatch(/kabinet_http_request_duration_seconds_count/);
    expect(text).toMatch(/kabinet_db_pool_connections\{state="all"\}/);
  });
  // Last: its requests use up the caller's rate limit.
  it('should keep GraphQL metric labels bounded whatever operations clients send', async () => {
    const series = async () =>
      (await scrape())
        .split('\n')
        .filter((l) => l.startsWith('kabinet_graphql_operation_duration_seconds_count')).length;
    await t.gql.request('{ validateIdentifier(kind: INN, value: "7707083894") { valid } }');
    await t.gql.request(`{ nope_${randomUUID().slice(0, 8)} }`);
    const before = await series();
    for (let i = 0; i < 30; i++) {
      const name = `f${randomUUID().replace(/-/g, '')}`;
      await t.gql.request(`query Op${name} { ${name} }`);
      await t.gql.request(
        `{ validateIdentifier(kind: INN, value: "1") { valid } ${name}: __typename }`,
      );
    }
    expect(await series()).toBe(before);
    expect(await scrape()).toMatch(
      /kabinet_graphql_operation_duration_seconds_count\{type="refused",field="refused",outcome="error"\} \d+/,
    );
  });
});
