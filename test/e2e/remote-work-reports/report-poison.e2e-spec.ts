import { restoreReportEnv } from './report-env';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { RemoteWorkReportQueue } from '../../../src/modules/remote-work-reports/jobs/remote-work-report.queue';
import { RemoteWorkReportReconciler } from '../../../src/modules/remote-work-reports/jobs/remote-work-report.reconciler';
import { QueueName } from '../../../src/queues/queue-names';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ensureOrganization,
  fixtureBytes,
  memberToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

// Any file whose name starts with this cannot have its rows stored: every try of its report
// fails inside the worker, as a poison job would (a real trigger of the run's own database).
const POISON = 'poison-';

describe('remote-work reports: a poison report ends FAILED after REPORT_MAX_ATTEMPTS tries', () => {
  let t: TestApp;
  let token: string;
  let poisoned: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, organizationId, 'HEAD')).token;
    await t.dataSource.query('DROP TRIGGER IF EXISTS test_poison_rows');
    await t.dataSource.query(
      'CREATE TRIGGER test_poison_rows BEFORE INSERT ON remote_work_report_rows FOR EACH ROW ' +
        `IF (SELECT file_name FROM remote_work_reports WHERE id = NEW.report_id) LIKE '${POISON}%' THEN ` +
        "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'poisoned report'; END IF",
    );
  });

  afterAll(async () => {
    await t.dataSource.query('DROP TRIGGER IF EXISTS test_poison_rows');
    await t.close();
    restoreReportEnv();
  });

  const stored = async (id: string) => {
    const [row] = await t.dataSource.query<{ status: string; attempts: number; rows: string }[]>(
      'SELECT status, attempts, (SELECT COUNT(*) FROM remote_work_report_rows r WHERE r.report_id = ?) AS `rows` ' +
        'FROM remote_work_reports WHERE id = ?',
      [id, id],
    );
    return { status: row.status, attempts: Number(row.attempts), rows: Number(row.rows) };
  };

  it('should end FAILED with PROCESSING_FAILED, announced, when every try fails', async () => {
    const ws = t.gql.ws(token);
    await ws.connected;
    const sub = ws.subscribe<{ remoteWorkReportStatusChanged: { id: string; status: string } }>(
      'subscription { remoteWorkReportStatusChanged { id status } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await uploadReport(t, token, fixtureBytes(), {
      week: uniqueWeek(),
      fileName: `${POISON}${randomUUID()}.xlsx`,
    });
    const id = res.data!.submitRemoteWorkReport.id as string;
    const statuses: string[] = [];
    while (!statuses.includes('FAILED')) {
      const event = (await sub.next(40_000)).data!.remoteWorkReportStatusChanged;
      if (event.id === id) {
        statuses.push(event.status);
      }
    }
    await ws.close();
    expect(statuses).toEqual(['QUEUED', 'PROCESSING', 'FAILED']);

    poisoned = await waitForFinalReport(t, token, id);
    expect(poisoned.status).toBe('FAILED');
    expect(poisoned.resultFileUrl).toBeNull();
    const { remoteWorkReport } = await t.gql.ok(
      'query($id: ID!) { remoteWorkReport(id: $id) { issues { severity code message } } }',
      { id },
      { token },
    );
    expect(remoteWorkReport.issues).toEqual([
      {
        severity: 'ERROR',
        code: 'PROCESSING_FAILED',
        message: expect.stringContaining('загрузите тот же файл ещё раз позже'),
      },
    ]);
    expect(await stored(id)).toEqual({ status: 'FAILED', attempts: 3, rows: 0 });
  }, 90_000);

  it('should count tries that ended without a word (stalled, failure not written) and stop the reconciler looping', async () => {
    const id = poisoned.id as string;
    // As three tries whose worker died, or whose failure could not be written, leave it:
    // PROCESSING, three tries counted, no live job. Before the cap the reconciler queued such a
    // report again on every pass, each pass another full try.
    await t.dataSource.query(
      "UPDATE remote_work_reports SET status = 'PROCESSING', error_code = NULL, sheet_issues = NULL, " +
        'processed_at = NULL, revision = revision + 1 WHERE id = ?',
      [id],
    );
    const queue = t.app.get<Queue>(getQueueToken(QueueName.RemoteWorkReports));
    await (await queue.getJob(id))?.remove();

    const reconciler = t.app.get(RemoteWorkReportReconciler);
    // Other spec files may leave their own pending reports in the shared database, so the
    // assertions look at which reports a pass queued again, not at the global count.
    const requeued: string[][] = [];
    const ensureQueuedMany = jest.spyOn(t.app.get(RemoteWorkReportQueue), 'ensureQueuedMany');
    ensureQueuedMany.mockImplementation(async function (
      this: RemoteWorkReportQueue,
      reportIds: readonly string[],
    ) {
      const queued = await RemoteWorkReportQueue.prototype.ensureQueuedMany.call(this, reportIds);
      requeued[requeued.length - 1].push(...queued);
      return queued;
    });
    const pass = async (): Promise<string[]> => {
      requeued.push([]);
      const count = await reconciler.reconcile();
      const ids = requeued[requeued.length - 1];
      expect(count).toBe(ids.length);
      return ids;
    };
    try {
      expect((await pass()).filter((queued) => queued === id)).toEqual([id]);
      const ended = await waitForFinalReport(t, token, id, 20_000);
      expect(ended.status).toBe('FAILED');
      // Given up without another try: the count stays at the cap.
      expect(await stored(id)).toEqual({ status: 'FAILED', attempts: 3, rows: 0 });
      const { remoteWorkReport } = await t.gql.ok(
        'query($id: ID!) { remoteWorkReport(id: $id) { issues { code } } }',
        { id },
        { token },
      );
      expect(remoteWorkReport.issues).toEqual([{ code: 'PROCESSING_FAILED' }]);
      // Final: nothing left for the reconciler.
      expect(await pass()).not.toContain(id);
    } finally {
      ensureQueuedMany.mockRestore();
    }
  }, 60_000);
});
