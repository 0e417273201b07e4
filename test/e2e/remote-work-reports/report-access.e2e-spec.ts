import { restoreReportEnv } from './report-env';
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../../support/test-app';
import { signTestToken } from '../../support/tokens';
import {
  createOtherOrganization,
  ensureOrganization,
  fixtureBytes,
  grantReports,
  integratorToken,
  memberToken,
  REPORT,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

const LIST = '{ remoteWorkReports(first: 5) { totalCount edges { node { id } } } }';

describe('remote-work reports: who may see and submit', () => {
  let t: TestApp;
  let organizationId: string;
  let head: string;
  let report: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    head = (await memberToken(t, organizationId, 'HEAD')).token;
    const res = await uploadReport(t, head, fixtureBytes(), { week: uniqueWeek() });
    report = await waitForFinalReport(t, head, res.data!.submitRemoteWorkReport.id);
  });

  afterAll(async () => {
    await t.close();
    restoreReportEnv();
  });

  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, t.url);

  it('should answer NOT_FOUND and 404 to another organization’s member, never FORBIDDEN', async () => {
    const other = await createOtherOrganization(t.dataSource);
    const { token } = await memberToken(t, other, 'HEAD');
    const res = await t.gql.request(REPORT, { id: report.id }, { token });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      subCode: 'REPORT_NOT_FOUND',
    });
    for (const url of [report.originalFileUrl, report.resultFileUrl]) {
      const file = await fetch(local(url), { headers: { authorization: `Bearer ${token}` } });
      expect(file.status).toBe(404);
      expect(((await file.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    const list = await t.gql.ok(LIST, {}, { token });
    expect(list.remoteWorkReports.totalCount).toBe(0);

    // The subscription answers with the error instead of the report's state, then completes.
    const ws = t.gql.ws(token);
    await ws.connected;
    const first = await ws
      .subscribe('subscription($id: ID) { remoteWorkReportStatusChanged(reportId: $id) { id } }', {
        id: report.id,
      })
      .next();
    await ws.close();
    expect(first.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('should let an EMPLOYEE in only through an unexpired REMOTE_WORK_REPORTS grant', async () => {
    const employee = await memberToken(t, organizationId, 'EMPLOYEE');
    const refused = await t.gql.request(REPORT, { id: report.id }, { token: employee.token });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const upload = await uploadReport(t, employee.token, fixtureBytes(), { week: uniqueWeek() });
    expect(upload.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    await grantReports(t.dataSource, employee.membershipId, new Date(Date.now() + 3600_000));
    const allowed = await t.gql.ok(REPORT, { id: report.id }, { token: employee.token });
    expect(allowed.remoteWorkReport.id).toBe(report.id);
    const file = await fetch(local(report.originalFileUrl), {
      headers: { authorization: `Bearer ${employee.token}` },
    });
    expect(file.status).toBe(200);

    await grantReports(t.dataSource, employee.membershipId, new Date(Date.now() - 1000));
    const expired = await t.gql.request(REPORT, { id: report.id }, { token: employee.token });
    expect(expired.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const expiredFile = await fetch(local(report.originalFileUrl), {
      headers: { authorization: `Bearer ${employee.token}` },
    });
    expect(expiredFile.status).toBe(403);
  });

  it('should answer ORGANIZATION_CONTEXT_REQUIRED to an individual’s session', async () => {
    const token = await signTestToken(t.app, { sub: randomUUID() });
    const res = await t.gql.request(LIST, {}, { token });
    expect(res.errors?.[0].extensions?.code).toBe('ORGANIZATION_CONTEXT_REQUIRED');
    const upload = await uploadReport(t, token, fixtureBytes());
    expect(upload.errors?.[0].extensions?.code).toBe('ORGANIZATION_CONTEXT_REQUIRED');
  });

  it('should answer UNAUTHENTICATED without a token, over GraphQL and REST', async () => {
    const res = await t.gql.request(REPORT, { id: report.id });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await fetch(local(report.resultFileUrl))).status).toBe(401);
  });

  it('should hold integrator clients to their scopes', async () => {
    const reader = await integratorToken(t, head, ['reports:read']);
    const list = await t.gql.ok(LIST, {}, { token: reader });
    expect(list.remoteWorkReports.totalCount).toBeGreaterThan(0);
    const refused = await uploadReport(t, reader, fixtureBytes(), { week: uniqueWeek() });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const writer = await integratorToken(t, head, ['reports:write']);
    const submitted = await uploadReport(t, writer, fixtureBytes(), { week: uniqueWeek() });
    expect(submitted.data?.submitRemoteWorkReport.status).toBe('QUEUED');
    const read = await t.gql.request(REPORT, { id: report.id }, { token: writer });
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('should page the journal newest first with an opaque cursor', async () => {
    const week = uniqueWeek();
    const ids: string[] = [];
    for (const name of ['a.xlsx', 'b.xlsx', 'c.xlsx']) {
      // Different bytes each time, so none is taken for a repeat of another.
      const bytes = Buffer.concat([fixtureBytes(), Buffer.from(name)]);
      const res = await uploadReport(t, head, bytes, { week, fileName: name });
      ids.push(res.data!.submitRemoteWorkReport.id);
    }
    const page = `query($after: String, $w: Date) {
      remoteWorkReports(first: 2, after: $after, week: $w) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
      }
    }`;
    const first = (await t.gql.ok(page, { w: week }, { token: head })).remoteWorkReports;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (
      await t.gql.ok(page, { w: week, after: first.pageInfo.endCursor }, { token: head })
    ).remoteWorkReports;
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const tooMany = await t.gql.request(
      '{ remoteWorkReports(first: 101) { totalCount } }',
      {},
      {
        token: head,
      },
    );
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
