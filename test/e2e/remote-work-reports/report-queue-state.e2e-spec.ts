import { restoreReportEnv } from './report-env';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
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
import { insertUser } from '../../support/db-fixtures';
import { signTestToken } from '../../support/tokens';

const QUEUE = '{ remoteWorkReportQueue { waiting processingRate estimatedWaitSeconds } }';
const POSITION = `query($id: ID!) { remoteWorkReport(id: $id) { status queuePosition rowsProcessed } }`;

describe('remote-work reports: queue state and positions', () => {
  let t: TestApp;
  let token: string;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, organizationId, 'ADMIN')).token;
    queue = t.app.get<Queue>(getQueueToken('remote-work-reports'));
  });

  afterAll(async () => {
    await queue.resume(true);
    await t.close();
    restoreReportEnv();
  });

  it('should number queued reports, count them waiting, and measure the rate once they are done', async () => {
    // This process's worker stops taking jobs: the reports stay QUEUED.
    await queue.pause(true);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await uploadReport(t, token, fixtureBytes(), { week: uniqueWeek() });
      ids.push(res.data!.submitRemoteWorkReport.id);
    }
    const positions: number[] = [];
    for (const id of ids) {
      const { remoteWorkReport } = await t.gql.ok(POSITION, { id }, { token });
      expect(remoteWorkReport).toMatchObject({ status: 'QUEUED', rowsProcessed: null });
      positions.push(remoteWorkReport.queuePosition);
    }
    expect(positions[0]).toBeGreaterThanOrEqual(1);
    expect(positions[1]).toBe(positions[0] + 1);
    expect(positions[2]).toBe(positions[0] + 2);
    const waiting = (await t.gql.ok(QUEUE, {}, { token })).remoteWorkReportQueue;
    expect(waiting.waiting).toBeGreaterThanOrEqual(3);

    await queue.resume(true);
    for (const id of ids) {
      await waitForFinalReport(t, token, id);
      const { remoteWorkReport } = await t.gql.ok(POSITION, { id }, { token });
      expect(remoteWorkReport).toMatchObject({ queuePosition: null, rowsProcessed: null });
    }
    const after = (await t.gql.ok(QUEUE, {}, { token })).remoteWorkReportQueue;
    expect(after.processingRate).toBeGreaterThanOrEqual(3 / 60);
    if (after.waiting === 0) {
      expect(after.estimatedWaitSeconds).toBe(0);
    }
  });

  it('should show the queue only to those who may read reports', async () => {
    const anonymous = await t.gql.request(QUEUE, {});
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const { id } = await insertUser(t.dataSource);
    const resident = await t.gql.request(
      QUEUE,
      {},
      { token: await signTestToken(t.app, { sub: id }) },
    );
    expect(resident.errors?.[0].extensions).toMatchObject({
      code: 'ORGANIZATION_CONTEXT_REQUIRED',
    });
  });
});
