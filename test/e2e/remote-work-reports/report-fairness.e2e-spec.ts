import { restoreReportEnv } from './report-env';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { reportsConfig } from '../../../src/config/configuration';
import { fairShare } from '../../../src/modules/remote-work-reports/jobs/report-slot-fairness';
import { QueueName } from '../../../src/queues/queue-names';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  createOtherOrganization,
  fixtureBytes,
  signedInHead,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

// Parser slots are shared between organizations: one that uploaded a pile of reports first holds
// at most half the slots while another's report waits, so the latecomer is not served last.

const A_REPORTS = 6;

describe('remote-work reports: fair parser slots', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp();
    queue = t.app.get<Queue>(getQueueToken(QueueName.RemoteWorkReports));
  });

  afterAll(async () => {
    await queue.resume().catch(() => undefined);
    await t.close();
    restoreReportEnv();
  });

  async function employer() {
    const organizationId = await createOtherOrganization(t.dataSource);
    return { organizationId, ...(await signedInHead(t.dataSource, organizationId)) };
  }

  async function upload(token: string): Promise<string> {
    const res = await uploadReport(t, token, fixtureBytes(), { week: uniqueWeek() });
    expect(res.errors).toBeUndefined();
    return res.data!.submitRemoteWorkReport.id as string;
  }

  it("should start a waiting organization's report before the first one's pile drains", async () => {
    const config = t.app.get<{ parserConcurrency: number; parserWorkers: number }>(
      reportsConfig.KEY,
    );
    const share = fairShare(config.parserConcurrency * config.parserWorkers);
    expect(config.parserConcurrency).toBeGreaterThanOrEqual(2);
    const a = await employer();
    const b = await employer();

    // Everything is queued before any worker picks a job: A's pile first, then B's one report.
    await queue.pause();
    const aIds: string[] = [];
    let bId: string;
    try {
      for (let i = 0; i < A_REPORTS; i++) {
        aIds.push(await upload(a.token));
      }
      bId = await upload(b.token);
    } finally {
      await queue.resume();
    }

    await waitForFinalReport(t, b.token, bId);
    for (const id of aIds) {
      await waitForFinalReport(t, a.token, id);
    }

    const rows = await t.dataSource.query<
      { id: string; status: string; attempts: number; processed_at: Date }[]
    >('SELECT id, status, attempts, processed_at FROM remote_work_reports WHERE id IN (?)', [
      [...aIds, bId],
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const bDone = byId.get(bId)!.processed_at.getTime();
    // In arrival order B would come after all of A's reports, so at least A_REPORTS - slots + 1
    // of them would be done before it; with fair slots A holds `share` slots while B waits.
    const aDoneBeforeB = aIds.filter((id) => byId.get(id)!.processed_at.getTime() < bDone).length;
    expect(aDoneBeforeB).toBeLessThanOrEqual(share);
    // Deferred jobs are neither lost nor counted as tries: every report ends after exactly one.
    expect(rows).toHaveLength(A_REPORTS + 1);
    for (const row of rows) {
      expect(row.status).toBe('REJECTED');
      expect(row.attempts).toBe(1);
    }
    // Nothing is left holding a slot.
    const counts = await Promise.all(
      [a.organizationId, b.organizationId].map((org) =>
        queue.client.get(queue.toKey(`parsing:${org}`)),
      ),
    );
    expect(counts.map(Number)).toEqual([0, 0]);
  });
});
