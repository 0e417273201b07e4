import { restoreReportEnv } from './report-env';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../../support/test-app';
import type { GqlError } from '../../support/graphql-client';
import {
  addMember,
  createOtherOrganization,
  ensureOrganization,
  fixtureBytes,
  memberToken,
  ROMASHKA,
} from '../../support/report-fixtures';
import { insertUser } from '../../support/db-fixtures';
import { signTestToken } from '../../support/tokens';
import { writeBenchWorkbook } from '../../support/bench-workbook';
import { AttemptLimiter } from '../../../src/core/rate-limit/index';

const savedLimit = process.env.REPORT_CHECKS_PER_MINUTE;
process.env.REPORT_CHECKS_PER_MINUTE = '8';

const CHECK = `mutation($file: Upload!, $week: Date) {
  checkRemoteWorkReport(file: $file, week: $week) {
    status reportingWeek totalEmployees remoteEmployees rowsTotal rowsAccepted rowsRejected
    issuesTruncated issues { severity sheet row column code message }
  }
}`;

async function check(
  t: TestApp,
  token: string | null,
  file: Buffer,
  week?: string,
): Promise<{ status: number; data?: Record<string, any> | null; errors?: GqlError[] }> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: CHECK, variables: { file: null, week } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([file]), 'Отчёт.xlsx');
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'apollo-require-preflight': 'true',
    },
    body: form,
  });
  const body = (await res.json()) as { data?: Record<string, any> | null; errors?: GqlError[] };
  return { status: res.status, data: body.data, errors: body.errors };
}

describe('remote-work reports: checkRemoteWorkReport', () => {
  let t: TestApp;
  let romashka: string;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    romashka = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, romashka, 'ADMIN')).token;
    dir = mkdtempSync(join(tmpdir(), 'report-check-e2e-'));
  });

  beforeEach(async () => {
    // The per-organization allowance is a minute long: every test starts with a full one.
    await t.app
      .get(AttemptLimiter)
      .reset({ name: 'report-check', max: 8, windowSeconds: 60 }, romashka);
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
    if (savedLimit === undefined) {
      delete process.env.REPORT_CHECKS_PER_MINUTE;
    } else {
      process.env.REPORT_CHECKS_PER_MINUTE = savedLimit;
    }
    restoreReportEnv();
  });

  async function stored(): Promise<{ reports: number; rows: number; notifications: number }> {
    const [row] = await t.dataSource.query<{ reports: string; rows: string; notices: string }[]>(
      `SELECT (SELECT COUNT(*) FROM remote_work_reports) AS reports,
              (SELECT COUNT(*) FROM remote_work_report_rows) AS \`rows\`,
              (SELECT COUNT(*) FROM notifications) AS notices`,
    );
    return {
      reports: Number(row.reports),
      rows: Number(row.rows),
      notifications: Number(row.notices),
    };
  }

  it('should answer the shared LibreOffice fixture with its expected outcome and store nothing', async () => {
    const before = await stored();
    const res = await check(t, token, fixtureBytes(), '2026-11-30');
    expect(res.errors).toBeUndefined();
    const result = res.data!.checkRemoteWorkReport;
    expect(result).toMatchObject({
      status: 'PARTIALLY_ACCEPTED',
      reportingWeek: '2026-11-30',
      totalEmployees: 20,
      remoteEmployees: 9,
      rowsTotal: 9,
      rowsAccepted: 6,
      rowsRejected: 3,
      issuesTruncated: false,
    });
    const found = (
      result.issues as { code: string; row: number | null; column: string | null }[]
    ).map((i) => `${i.code}@${i.column ?? ''}${i.row ?? ''}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'COUNT_MISMATCH@D6',
        'DASH_AS_EMPTY@D3',
        'DASH_AS_EMPTY@E3',
        'DASH_AS_EMPTY@C4',
        'DASH_AS_EMPTY@F4',
        'LEADING_ZEROS_RESTORED@D7',
        'LEADING_ZEROS_RESTORED@E7',
        'PHONE_INVALID@B8',
        'PHONE_REQUIRED@B9',
        'PLATE_INVALID@C9',
        'DUPLICATE_PHONE@B10',
      ]),
    );
    expect(await stored()).toEqual(before);
  });

  it('should give what a submission would get for a file that is no workbook', async () => {
    const res = await check(t, token, Buffer.from('not a workbook at all'));
    expect(res.data!.checkRemoteWorkReport).toMatchObject({
      status: 'REJECTED',
      rowsTotal: 0,
      issues: [expect.objectContaining({ code: 'FILE_UNREADABLE', severity: 'ERROR' })],
    });
  });

  it('should answer 5 000 rows and refuse 5 001 with the advice to submit instead', async () => {
    const five = join(dir, 'five.xlsx');
    const over = join(dir, 'over.xlsx');
    await writeBenchWorkbook(five, 5000);
    await writeBenchWorkbook(over, 5001);
    const ok = await check(t, token, readFileSync(five));
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.checkRemoteWorkReport).toMatchObject({ rowsTotal: 5000 });

    const before = await stored();
    const refused = await check(t, token, readFileSync(over));
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'CHECK_TOO_MANY_ROWS',
    });
    expect(refused.errors?.[0].message).toMatch(/5 000.*отправьте его как отчёт/);
    expect(await stored()).toEqual(before);
  });

  it('should refuse a week that is not a Monday', async () => {
    const res = await check(t, token, fixtureBytes(), '2026-12-01');
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WEEK_NOT_MONDAY',
    });
  });

  it('should refuse those who may not submit: anonymous, an employee without the grant, a person outside any organization', async () => {
    const anonymous = await check(t, null, fixtureBytes());
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

    const employee = await memberToken(t, romashka, 'EMPLOYEE');
    const refused = await check(t, employee.token, fixtureBytes());
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    const { id } = await insertUser(t.dataSource);
    const resident = await check(t, await signTestToken(t.app, { sub: id }), fixtureBytes());
    expect(resident.status).toBe(403);
    expect(resident.errors?.[0].extensions).toMatchObject({
      code: 'ORGANIZATION_CONTEXT_REQUIRED',
    });
  });

  it('should limit checks per organization, whoever of it asks, and not other organizations', async () => {
    const other = (await memberToken(t, romashka, 'HEAD')).token;
    for (let i = 0; i < 8; i++) {
      const res = await check(t, i % 2 ? token : other, Buffer.from('x'));
      expect(res.errors).toBeUndefined();
    }
    const limited = await check(t, other, Buffer.from('x'));
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });

    const elsewhere = await createOtherOrganization(t.dataSource);
    const { id } = await insertUser(t.dataSource);
    await addMember(t.dataSource, elsewhere, id, 'HEAD');
    const theirs = await check(
      t,
      await signTestToken(t.app, { sub: id, org: elsewhere }),
      Buffer.from('x'),
    );
    expect(theirs.errors).toBeUndefined();
  });
});
