import { readFile } from 'node:fs/promises';
import { writeBenchWorkbook } from '../../support/bench-workbook';
import { makeTempDir } from '../../fixtures/report-workbook.builder';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ensureOrganization,
  memberToken,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
} from '../../support/report-fixtures';

// No report-env import: this workbook is bigger than that file's 1 MiB limit, so the default
// REPORT_MAX_BYTES (20 MiB) applies. Rows are stored in batches of 1 000 and progress is counted
// from the first batch: 40 000 rows keep the worker busy for several seconds.
const ROWS = 40_000;
const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];

interface StatusEvent {
  id: string;
  status: string;
  rowsProcessed: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('remote-work reports: live progress of a big report', () => {
  let t: TestApp;
  let token: string;
  const temp = makeTempDir();

  beforeAll(async () => {
    t = await createTestApp();
    const organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, organizationId, 'HEAD')).token;
  });

  afterAll(async () => {
    await t.close();
    temp.remove();
  });

  it('should send PROCESSING events with growing rowsProcessed, at most one a second', async () => {
    const path = temp.path('progress.xlsx');
    await writeBenchWorkbook(path, ROWS);
    const ws = t.gql.ws(token);
    await ws.connected;
    const sub = ws.subscribe<{ remoteWorkReportStatusChanged: StatusEvent }>(
      'subscription { remoteWorkReportStatusChanged { id status rowsProcessed } }',
    );
    // The server subscribes to the Redis channel asynchronously (STACK-NOTES 19).
    await sleep(300);
    const res = await uploadReport(t, token, await readFile(path), { week: uniqueWeek() });
    expect(res.errors).toBeUndefined();
    const id = res.data!.submitRemoteWorkReport.id as string;

    const seen: (StatusEvent & { at: number })[] = [];
    while (!FINAL.includes(seen.at(-1)?.status ?? '')) {
      const event = (await sub.next(120_000)).data!.remoteWorkReportStatusChanged;
      if (event.id === id) {
        seen.push({ ...event, at: Date.now() });
      }
    }
    sub.stop();
    await ws.close();

    const statuses = seen.map((e) => e.status);
    expect(statuses[0]).toBe('QUEUED');
    expect(statuses.at(-1)).toBe('ACCEPTED');
    const processing = seen.filter((e) => e.status === 'PROCESSING');
    // The PROCESSING announcement itself carries no figure; progress events follow it.
    expect(processing[0].rowsProcessed).toBeNull();
    const progress = processing.filter((e) => e.rowsProcessed !== null);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const rows = progress.map((e) => e.rowsProcessed!);
    rows.forEach((n, i) => {
      expect(n).toBeGreaterThan(i === 0 ? 0 : rows[i - 1]);
      expect(n).toBeLessThanOrEqual(ROWS);
      expect(n % 1000).toBe(0);
    });
    // Progress events come between the PROCESSING announcement and the final status.
    expect(statuses.slice(1, -1).every((s) => s === 'PROCESSING')).toBe(true);
    // At most one a second: the worker spaces them by 1 s; delivery may bunch two a little, so
    // the gap allowed here is 750 ms, and over the whole run no more than one per second fits.
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(750);
    }
    if (progress.length > 1) {
      const span = progress.at(-1)!.at - progress[0].at;
      expect(progress.length - 1).toBeLessThanOrEqual(Math.floor(span / 1000) + 1);
    }
  }, 240_000);
});
