import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAppProcess, stopAllAppProcesses } from '../../support/app-process';
import { createTestApp, TestApp } from '../../support/test-app';

const COMMITTED = join(__dirname, '../../../openapi.json');

describe('openapi.json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
    await stopAllAppProcesses();
  });

  it('should be what the code generates (run `npm run openapi:generate` and commit it)', async () => {
    const res = await fetch(`${t.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe(await readFile(COMMITTED, 'utf8'));
  });

  it('should describe the REST routes and only them, as OpenAPI 3.1', async () => {
    const document = JSON.parse(await readFile(COMMITTED, 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual([
      '/files/data-exports/{id}',
      '/files/remote-work-reports/{id}/{kind}',
      '/files/templates/remote-work-report.xlsx',
      '/health',
      '/metrics',
      '/oauth/token',
    ]);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect({ path, method, summary: operation.summary }).toEqual({
          path,
          method,
          summary: expect.stringMatching(/\w/),
        });
      }
    }
  });

  it('should not be served in production', async () => {
    const kabinet = await startAppProcess('api', {
      NODE_ENV: 'production',
      JWT_SECRET: 'openapi-production-test-secret-0123456789',
      SECRETS_MASTER_KEY: 'openapi-production-test-master-key-0123456789',
      LOG_LEVEL: 'warn',
    });
    const res = await fetch(`${kabinet.url}/openapi.json`);
    expect(res.status).toBe(404);
    await kabinet.stop();
  });
});
