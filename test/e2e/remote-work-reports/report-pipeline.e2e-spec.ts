import { restoreReportEnv } from './report-env';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Workbook } from 'exceljs';
import { QueueName } from '../../../src/queues/queue-names';
import { RemoteWorkReportReconciler } from '../../../src/modules/remote-work-reports/jobs/remote-work-report.reconciler';
import { buildZip, readZipEntries } from '../../fixtures/zip-fixture.builder';
import {
  EmployerValues,
  makeTempDir,
  writeReportWorkbook,
} from '../../fixtures/report-workbook.builder';
import { createTestApp, TestApp } from '../../support/test-app';
import {
  ensureOrganization,
  fixtureBytes,
  LIBREOFFICE_FIXTURE,
  memberToken,
  REPORT,
  ROMASHKA,
  uniqueWeek,
  uploadReport,
  waitForFinalReport,
} from '../../support/report-fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('remote-work reports: upload → queue → worker', () => {
  let t: TestApp;
  let organizationId: string;
  let token: string;
  const temp = makeTempDir();

  beforeAll(async () => {
    t = await createTestApp();
    organizationId = await ensureOrganization(t.dataSource, ROMASHKA);
    token = (await memberToken(t, organizationId, 'HEAD')).token;
  });

  afterAll(async () => {
    await t.close();
    temp.remove();
    restoreReportEnv();
  });

  async function submitAndWait(file: Buffer, week = uniqueWeek(), fileName?: string) {
    const res = await uploadReport(t, token, file, { week, fileName });
    expect(res.errors).toBeUndefined();
    const id = res.data!.submitRemoteWorkReport.id as string;
    return waitForFinalReport(t, token, id);
  }

  async function workbook(employer: EmployerValues, name = 'w.xlsx'): Promise<Buffer> {
    const path = temp.path(name);
    await writeReportWorkbook(path, {
      employer,
      employees: [
        [1, '+7 916 765-43-21'],
        [2, '8 916 765 43 22'],
      ],
    });
    return readFile(path);
  }

  async function download(url: string): Promise<Buffer> {
    const res = await fetch(url.replace(/^https?:\/\/[^/]+/, t.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  async function rowCount(reportId: string): Promise<number> {
    const [row] = await t.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM remote_work_report_rows WHERE report_id = ?',
      [reportId],
    );
    return Number(row.n);
  }

  it('should take the LibreOffice fixture to PARTIALLY_ACCEPTED 20/9/9/6/3, telling a subscriber QUEUED → PROCESSING → final', async () => {
    const ws = t.gql.ws(token);
    await ws.connected;
    const sub = ws.subscribe(
      'subscription { remoteWorkReportStatusChanged { id status rowsAccepted processedAt } }',
    );
    await sleep(300);
    const week = uniqueWeek();
    const bytes = fixtureBytes();
    const res = await uploadReport(t, token, bytes, { week });
    expect(res.errors).toBeUndefined();
    const submitted = res.data!.submitRemoteWorkReport;
    expect(submitted).toMatchObject({
      status: 'QUEUED',
      reportingWeek: week,
      fileName: 'Отчёт РОМАШКА.xlsx',
      fileSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      processedAt: null,
      resultFileUrl: null,
      superseded: false,
      rowsTotal: null,
    });
    expect(submitted.originalFileUrl).toMatch(
      new RegExp(`/files/remote-work-reports/${submitted.id}/original$`),
    );

    const statuses: string[] = [];
    while (!['PARTIALLY_ACCEPTED', 'ACCEPTED', 'REJECTED', 'FAILED'].includes(statuses.at(-1)!)) {
      const event = (await sub.next(20_000)).data!.remoteWorkReportStatusChanged;
      if (event.id === submitted.id) {
        statuses.push(event.status);
      }
    }
    await ws.close();
    expect(statuses).toEqual(['QUEUED', 'PROCESSING', 'PARTIALLY_ACCEPTED']);

    const { remoteWorkReport: report } = await t.gql.ok(REPORT, { id: submitted.id }, { token });
    expect(report).toMatchObject({
      status: 'PARTIALLY_ACCEPTED',
      totalEmployees: 20,
      remoteEmployees: 9,
      rowsTotal: 9,
      rowsAccepted: 6,
      rowsRejected: 3,
    });
    expect(report.processedAt).not.toBeNull();
    expect(report.resultFileUrl).toMatch(/\/result$/);
    const codes = report.issues.map(
      (i: { code: string; row: number | null }) => `${i.code}@${i.row}`,
    );
    expect(codes[0]).toBe('COUNT_MISMATCH@6');
    expect(codes).toEqual(
      expect.arrayContaining([
        'DASH_AS_EMPTY@3',
        'DASH_AS_EMPTY@4',
        'LEADING_ZEROS_RESTORED@7',
        'PHONE_INVALID@8',
        'PHONE_REQUIRED@9',
        'PLATE_INVALID@9',
        'DUPLICATE_PHONE@10',
      ]),
    );
    const limited = await t.gql.ok(
      'query($id: ID!) { remoteWorkReport(id: $id) { issues(first: 2) { code } } }',
      { id: submitted.id },
      { token },
    );
    expect(limited.remoteWorkReport.issues).toHaveLength(2);
    expect(await rowCount(submitted.id)).toBe(9);

    // The normalised values as stored, row by row (../shared/fixtures/README.md).
    const stored = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT excel_row, accepted, phone, vehicle_plate, troika, strelka, travel_pass, has_issues
       FROM remote_work_report_rows WHERE report_id = ? ORDER BY excel_row`,
      [submitted.id],
    );
    const byRow = new Map(stored.map((r) => [Number(r.excel_row), r]));
    expect(byRow.get(2)).toMatchObject({
      accepted: 1,
      phone: '+79161234567',
      vehicle_plate: '\u0410123\u0412\u042177', // Cyrillic А, В, С
      troika: '1234567890',
      has_issues: 0,
    });
    expect(byRow.get(3)).toMatchObject({
      phone: '+79161234568',
      vehicle_plate: '\u0412456\u041e\u0420199',
    });
    expect(byRow.get(5)).toMatchObject({ phone: '+79161234570', travel_pass: '1234567890123' });
    expect(byRow.get(7)).toMatchObject({
      accepted: 1,
      troika: '0012345678',
      strelka: '00123456789',
      has_issues: 1,
    });
    expect([8, 9, 10].map((n) => byRow.get(n)?.accepted)).toEqual([0, 0, 0]);
  });

  it('should send a late subscriber the report’s current state first', async () => {
    const done = await submitAndWait(fixtureBytes());
    const ws = t.gql.ws(token);
    await ws.connected;
    const sub = ws.subscribe(
      'subscription($id: ID) { remoteWorkReportStatusChanged(reportId: $id) { id status } }',
      { id: done.id },
    );
    expect((await sub.next()).data!.remoteWorkReportStatusChanged).toEqual({
      id: done.id,
      status: 'PARTIALLY_ACCEPTED',
    });
    await ws.close();
  });

  it('should name every bad row in the result workbook downloaded over REST', async () => {
    const done = await submitAndWait(fixtureBytes());
    const res = await fetch(done.resultFileUrl.replace(/^https?:\/\/[^/]+/, t.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Отчёт РОМАШКА (результат проверки).xlsx')}`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    const book = new Workbook();
    await book.xlsx.load(bytes as never);
    const rows = book.getWorksheet('Сведения о работниках')!;
    const statusOf = (n: number) => rows.getRow(n).getCell(8).value;
    const errorsOf = (n: number) => rows.getRow(n).getCell(9).text;
    expect([2, 3, 4, 5, 6, 7].map(statusOf)).toEqual(Array(6).fill('Принято'));
    expect([8, 9, 10].map(statusOf)).toEqual(Array(3).fill('Отклонено'));
    expect(errorsOf(8)).toMatch(/^B8: /);
    expect(errorsOf(9)).toMatch(/B9: [\s\S]*C9: /);
    expect(errorsOf(10)).toMatch(/^B10: /);
    // Accepted rows show the stored normalised values, rejected ones the values as read.
    expect(rows.getRow(2).getCell(2).value).toMatch(/^'\+7\d{10}$/);
    expect(rows.rowCount).toBe(10);
    const summary = book.getWorksheet('Итог')!;
    expect(summary.getRow(3).values).toEqual([undefined, 'Статус', 'Принят частично']);
    expect(summary.getRow(8).values).toEqual([undefined, 'Принято строк', 6]);
    // Rendered on the first download and kept: the second one serves the same bytes.
    expect((await download(done.resultFileUrl)).equals(bytes)).toBe(true);

    const original = await fetch(done.originalFileUrl.replace(/^https?:\/\/[^/]+/, t.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await original.arrayBuffer()).equals(fixtureBytes())).toBe(true);
  });

  it('should REJECT a workbook for another INN and store no rows', async () => {
    const done = await submitAndWait(await workbook({ 2: '7707083893' }, 'wrong-inn.xlsx'));
    expect(done).toMatchObject({ status: 'REJECTED', rowsTotal: 0, rowsAccepted: 0 });
    expect(done.issues.map((i: { code: string }) => i.code)).toContain('INN_MISMATCH');
    expect(await rowCount(done.id)).toBe(0);

    const book = new Workbook();
    await book.xlsx.load((await download(done.resultFileUrl)) as never);
    expect(book.getWorksheet('Сведения о работниках')!.rowCount).toBe(1);
    const summary = book.getWorksheet('Итог')!;
    expect(summary.getRow(3).values).toEqual([undefined, 'Статус', 'Отклонён']);
    const codes: unknown[] = [];
    summary.eachRow((row) => codes.push(row.getCell(4).value));
    expect(codes).toContain('INN_MISMATCH');
  });

  it('should return the existing report for a byte-identical upload for the same week', async () => {
    const week = uniqueWeek();
    const first = await uploadReport(t, token, fixtureBytes(), { week });
    const second = await uploadReport(t, token, fixtureBytes(), { week, fileName: 'другое.xlsx' });
    expect(second.data!.submitRemoteWorkReport.id).toBe(first.data!.submitRemoteWorkReport.id);
    const other = await uploadReport(t, token, fixtureBytes(), { week: uniqueWeek() });
    expect(other.data!.submitRemoteWorkReport.id).not.toBe(first.data!.submitRemoteWorkReport.id);
  });

  it('should mark an earlier report superseded once a later one for the week is accepted', async () => {
    const week = uniqueWeek();
    const earlier = await submitAndWait(fixtureBytes(), week);
    const later = await submitAndWait(await workbook({}, 'later.xlsx'), week);
    expect(later).toMatchObject({ status: 'ACCEPTED', superseded: false });
    const { remoteWorkReport } = await t.gql.ok(REPORT, { id: earlier.id }, { token });
    expect(remoteWorkReport.superseded).toBe(true);
    const list = await t.gql.ok(
      'query($w: Date) { remoteWorkReports(week: $w) { totalCount edges { node { id superseded } } } }',
      { w: week },
      { token },
    );
    expect(list.remoteWorkReports.totalCount).toBe(2);
    expect(list.remoteWorkReports.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id: later.id, superseded: false },
      { id: earlier.id, superseded: true },
    ]);
  });

  it('should refuse a week that is not a Monday with BAD_USER_INPUT naming week', async () => {
    const res = await uploadReport(t, token, fixtureBytes(), { week: '2026-11-24' });
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      subCode: 'WEEK_NOT_MONDAY',
      fields: [expect.objectContaining({ field: 'week' })],
    });
  });

  it('should refuse an upload over REPORT_MAX_BYTES with PAYLOAD_TOO_LARGE and keep nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.dataSource.query<{ n: string }[]>(
            'SELECT COUNT(*) AS n FROM remote_work_reports WHERE organization_id = ?',
            [organizationId],
          )
        )[0].n,
      );
    const before = await count();
    const res = await uploadReport(t, token, Buffer.alloc(1024 * 1024 + 1, 0x41), {
      week: uniqueWeek(),
    });
    expect(res.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
    const incoming = join(process.env.STORAGE_DIR!, '.incoming');
    expect(await readdir(incoming).catch(() => [])).toEqual([]);
  });

  it('should REJECT hostile files with FILE_UNREADABLE and go on with the next report', async () => {
    const notZip = await submitAndWait(Buffer.from('MZ\u0090 this is not a workbook'.repeat(50)));
    expect(notZip).toMatchObject({ status: 'REJECTED', rowsTotal: 0 });
    expect(notZip.issues[0]).toMatchObject({
      code: 'FILE_UNREADABLE',
      sheet: 'Отчёт РОМАШКА.xlsx',
    });

    const entries = await readZipEntries(LIBREOFFICE_FIXTURE);
    const bomb = buildZip([
      ...entries,
      { name: 'xl/media/image1.png', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 1000 },
    ]);
    const bombed = await submitAndWait(bomb);
    expect(bombed).toMatchObject({ status: 'REJECTED' });
    expect(bombed.issues[0].code).toBe('FILE_UNREADABLE');

    const next = await submitAndWait(fixtureBytes());
    expect(next.status).toBe('PARTIALLY_ACCEPTED');
  });

  it('should bring a report whose job Redis lost to its final state through the reconciler', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.RemoteWorkReports));
    await queue.pause();
    const res = await uploadReport(t, token, fixtureBytes(), { week: uniqueWeek() }).finally(() =>
      queue.obliterate({ force: true }).finally(() => queue.resume()),
    );
    const id: string = res.data!.submitRemoteWorkReport.id;
    expect(await queue.getJob(id)).toBeNull();
    expect((await t.gql.ok(REPORT, { id }, { token })).remoteWorkReport.status).toBe('QUEUED');

    const reconciler = t.app.get(RemoteWorkReportReconciler);
    expect(await reconciler.reconcile()).toBeGreaterThanOrEqual(1);
    // A second pass finds the job live and adds nothing.
    const again = await reconciler.reconcile();
    expect(await queue.getJob(id)).not.toBeNull();
    expect(again).toBe(0);
    expect((await waitForFinalReport(t, token, id)).status).toBe('PARTIALLY_ACCEPTED');
  });

  it('should serve the template publicly and link it', async () => {
    const { remoteWorkReportTemplateUrl } = await t.gql.ok('{ remoteWorkReportTemplateUrl }');
    expect(remoteWorkReportTemplateUrl).toMatch(/\/files\/templates\/remote-work-report\.xlsx$/);
    const res = await fetch(`${t.url}/files/templates/remote-work-report.xlsx`);
    expect(res.status).toBe(200);
    const book = new Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Сведения о работодателе',
      'Сведения о работниках',
      'Пример',
    ]);
  });
});
