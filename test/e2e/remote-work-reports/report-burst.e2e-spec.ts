import { restoreReportEnv } from './report-env';
import { randomUUID } from 'node:crypto';
import { RemoteWorkReportEntity } from '../../../src/modules/remote-work-reports/entities/remote-work-report.entity';
import { RemoteWorkReportRepository } from '../../../src/modules/remote-work-reports/repositories/remote-work-report.repository';
import { ReportStatus } from '../../../src/modules/remote-work-reports/remote-work-report.enums';
import { ReportInsertBatch } from '../../../src/modules/remote-work-reports/submission/report-insert.batch';
import { createTestApp, TestApp } from '../../support/test-app';
import { SessionRepository } from '../../../src/modules/auth/repositories/session.repository';
import {
  createOtherOrganization,
  fixtureBytes,
  signedInHead,
  uniqueWeek,
  uploadReport,
} from '../../support/report-fixtures';
import type { GqlResponse } from '../../support/graphql-client';

// Uploads that arrive together share their session checks, membership look-ups and report
// inserts (one statement each per turn of the event loop). Whatever they share, each upload must
// get its own answer: its own report, its twin's report for the same bytes, or its own refusal.

const EMPLOYERS = 12;

describe('remote-work reports: uploads arriving together', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
    restoreReportEnv();
  });

  async function signedInEmployer() {
    const organizationId = await createOtherOrganization(t.dataSource);
    return { organizationId, ...(await signedInHead(t.dataSource, organizationId)) };
  }

  async function reportsOf(organizationId: string, week: string): Promise<string[]> {
    const rows = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM remote_work_reports WHERE organization_id = ? AND reporting_week = ?',
      [organizationId, week],
    );
    return rows.map((r) => r.id);
  }

  it('should give each upload of a burst its own answer and nothing more', async () => {
    const week = uniqueWeek();
    const bytes = fixtureBytes();
    // Signed-in heads of organizations of their own (their reports end REJECTED for the INN,
    // which is not what this test is about).
    const employers = await Promise.all(
      Array.from({ length: EMPLOYERS }, () => signedInEmployer()),
    );
    // A head whose session has been ended, and a former member whose session is still in force.
    const ended = employers.pop()!;
    await t.dataSource.query('UPDATE sessions SET revoked_at = NOW(3) WHERE id = ?', [
      ended.sessionId,
    ]);
    const former = await signedInEmployer();
    await t.dataSource.query('DELETE FROM memberships WHERE user_id = ?', [former.userId]);

    const twin = employers[0];
    const answers: GqlResponse[] = await Promise.all([
      ...employers.map((e) => uploadReport(t, e.token, bytes, { week })),
      // The same bytes again for the same week, in the same burst.
      uploadReport(t, twin.token, bytes, { week }),
      uploadReport(t, ended.token, bytes, { week }),
      uploadReport(t, former.token, bytes, { week }),
    ]);

    const reports = answers.slice(0, employers.length + 1).map((a) => {
      expect(a.errors).toBeUndefined();
      return a.data!.submitRemoteWorkReport as { id: string; status: string };
    });
    const [endedAnswer, formerAnswer] = answers.slice(employers.length + 1);
    expect(endedAnswer.errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      subCode: 'SESSION_ENDED',
    });
    expect(formerAnswer.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // One report per organization; of the twins, one made the report and the other was answered
    // with it, as it is by then (the worker may have taken it up already).
    const twins = [reports[0], reports[employers.length]];
    expect(twins[1].id).toBe(twins[0].id);
    expect(twins.map((r) => r.status)).toContain('QUEUED');
    expect(reports.slice(1, employers.length).every((r) => r.status === 'QUEUED')).toBe(true);
    expect(new Set(reports.map((r) => r.id)).size).toBe(employers.length);
    for (const [i, e] of employers.entries()) {
      expect(await reportsOf(e.organizationId, week)).toEqual([reports[i].id]);
    }
    expect(await reportsOf(ended.organizationId, week)).toEqual([]);
    expect(await reportsOf(former.organizationId, week)).toEqual([]);
  });

  // A new report row; the columns left out are NULL.
  function newReport(organizationId: string, week: string, sha256: string) {
    const now = new Date();
    const id = randomUUID();
    const row: Partial<RemoteWorkReportEntity> = {
      id,
      organizationId,
      reportingWeek: week,
      sha256,
    };
    return Object.assign(new RemoteWorkReportEntity(), row, {
      status: ReportStatus.QUEUED,
      revision: 0,
      attempts: 0,
      fileName: 'Отчёт.xlsx',
      fileSize: 1,
      originalKey: `remote-work-reports/${id.slice(0, 2)}/${id}.original.xlsx`,
      submittedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  }

  it('should take a shared insert that meets a duplicate apart: the others recorded, the duplicate refused alone', async () => {
    const inserts = t.app.get(ReportInsertBatch);
    const week = uniqueWeek();
    const [a, b, c] = await Promise.all([
      signedInEmployer(),
      signedInEmployer(),
      signedInEmployer(),
    ]);
    const existing = newReport(b.organizationId, week, 'b'.repeat(64));
    await inserts.insert(existing);

    // Made in one turn: one statement for the three, which the duplicate refuses as a whole.
    const shared = jest.spyOn(t.app.get(RemoteWorkReportRepository), 'insertMany');
    const [first, duplicate, third] = await Promise.allSettled([
      inserts.insert(newReport(a.organizationId, week, 'a'.repeat(64))),
      inserts.insert(newReport(b.organizationId, week, 'b'.repeat(64))),
      inserts.insert(newReport(c.organizationId, week, 'c'.repeat(64))),
    ]);

    // The shared statement, then each report on its own.
    expect(shared.mock.calls.map(([, rows]) => rows.length)).toEqual([3, 1, 1, 1]);
    shared.mockRestore();
    expect(first.status).toBe('fulfilled');
    expect(third.status).toBe('fulfilled');
    expect(duplicate).toMatchObject({
      status: 'rejected',
      reason: { driverError: { errno: 1062 } },
    });
    expect((await reportsOf(a.organizationId, week)).length).toBe(1);
    expect(await reportsOf(b.organizationId, week)).toEqual([existing.id]);
    expect((await reportsOf(c.organizationId, week)).length).toBe(1);
  });

  it('should answer INTERNAL_SERVER_ERROR, not a sign-in failure, when sessions cannot be checked', async () => {
    const employer = await signedInEmployer();
    const week = uniqueWeek();
    const sessions = jest
      .spyOn(t.app.get(SessionRepository), 'findActive')
      .mockRejectedValue(new Error('connect ECONNREFUSED (the database is away)'));
    try {
      const upload = await uploadReport(t, employer.token, fixtureBytes(), { week });
      const query = await t.gql.request(
        '{ remoteWorkReports(first: 1) { totalCount } }',
        {},
        {
          token: employer.token,
        },
      );

      expect(upload.status).toBe(500);
      for (const answer of [upload, query]) {
        expect(answer.errors?.[0].extensions).toMatchObject({
          code: 'INTERNAL_SERVER_ERROR',
          requestId: expect.any(String),
        });
      }
      expect(sessions).toHaveBeenCalled();
    } finally {
      sessions.mockRestore();
    }
    expect(await reportsOf(employer.organizationId, week)).toEqual([]);
    // Once the database answers again, the same token works.
    expect(
      (await uploadReport(t, employer.token, fixtureBytes(), { week })).errors,
    ).toBeUndefined();
  });
});
