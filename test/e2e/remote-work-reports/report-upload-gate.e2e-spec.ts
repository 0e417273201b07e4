import { restoreReportEnv } from './report-env';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createTestApp, TestApp } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import {
  ensureOrganization,
  fixtureBytes,
  integratorToken,
  memberToken,
  ROMASHKA,
  SUBMIT,
  uniqueWeek,
  uploadReport,
} from '../../support/report-fixtures';

const BOUNDARY = 'kabinet-upload-gate';
// Declared, never sent in full: below the test's 1 MiB limit, so only the gate can answer early.
const DECLARED_BYTES = 900 * 1024;
// Past this without an answer the server is waiting for the body: it was going to read it.
const ANSWER_WITHIN_MS = 3000;

interface EarlyAnswer {
  status: number;
  body: { errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/**
 * Starts a multipart upload of DECLARED_BYTES, sends only its first part and a few bytes of the
 * file, and waits for an answer without sending the rest. Null when none came in time.
 */
function partialUpload(url: string, token: string, week: string): Promise<EarlyAnswer | null> {
  const head =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
    JSON.stringify({ query: SUBMIT, variables: { file: null, week } }) +
    `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="map"\r\n\r\n` +
    JSON.stringify({ 0: ['variables.file'] }) +
    `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"; filename="a.xlsx"\r\n` +
    'Content-Type: application/octet-stream\r\n\r\n';
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'apollo-require-preflight': 'true',
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(DECLARED_BYTES),
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, ANSWER_WITHIN_MS);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as EarlyAnswer['body'],
        });
      });
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.write(head);
    req.write(Buffer.alloc(4096, 0x50));
  });
}

describe('remote-work reports: only those who may submit get an upload read', () => {
  let t: TestApp;
  let organizationId: string;
  let head: string;

  beforeAll(async () => {
    t = await createTestApp();
    organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    head = (await memberToken(t, organizationId, 'HEAD')).token;
  });

  afterAll(async () => {
    await t.close();
    restoreReportEnv();
  });

  const reportsOfWeek = async (week: string): Promise<number> => {
    const [{ n }] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM remote_work_reports WHERE reporting_week = ?',
      [week],
    );
    return Number(n);
  };

  it('should refuse an EMPLOYEE without a grant before the body is sent, storing nothing', async () => {
    const employee = await memberToken(t, organizationId, 'EMPLOYEE');
    const week = uniqueWeek();
    const answer = await partialUpload(t.url, employee.token, week);
    expect(answer).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message: 'Нет доступа к этой услуге: обратитесь к руководителю организации',
            extensions: { code: 'FORBIDDEN', subCode: 'FORBIDDEN' },
          },
        ],
      },
    });
    expect(await reportsOfWeek(week)).toBe(0);
  });

  it('should refuse an individual’s session before the body is sent', async () => {
    const token = await signTestToken(t.app, { sub: randomUUID() });
    const answer = await partialUpload(t.url, token, uniqueWeek());
    expect(answer?.status).toBe(403);
    expect(answer?.body.errors?.[0].extensions).toEqual({
      code: 'ORGANIZATION_CONTEXT_REQUIRED',
      subCode: 'ORGANIZATION_CONTEXT_REQUIRED',
    });
    expect(answer?.body.errors?.[0].message).toBe('Услуга недоступна для физических лиц');
  });

  it('should refuse an integrator client without reports:write before the body is sent', async () => {
    const reader = await integratorToken(t, head, ['reports:read']);
    const week = uniqueWeek();
    const answer = await partialUpload(t.url, reader, week);
    expect(answer?.status).toBe(403);
    expect(answer?.body.errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      subCode: 'FORBIDDEN',
    });
    expect(await reportsOfWeek(week)).toBe(0);
  });

  it('should read the body of those who may submit (the partial upload gets no early answer)', async () => {
    expect(await partialUpload(t.url, head, uniqueWeek())).toBeNull();
    const writer = await integratorToken(t, head, ['reports:write']);
    const submitted = await uploadReport(t, writer, fixtureBytes(), { week: uniqueWeek() });
    expect(submitted.data?.submitRemoteWorkReport.status).toBe('QUEUED');
    const byHead = await uploadReport(t, head, fixtureBytes(), { week: uniqueWeek() });
    expect(byHead.data?.submitRemoteWorkReport.status).toBe('QUEUED');
  });
});
