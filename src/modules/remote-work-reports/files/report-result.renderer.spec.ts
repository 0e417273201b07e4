import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { DataSource } from 'typeorm';
import { Workbook } from 'exceljs';
import { LocalFileStorage } from '../../files';
import type { RemoteWorkReportEntity } from '../entities/remote-work-report.entity';
import type { ResultWorkbookRow } from '../parsing/result-workbook.writer';
import { ReportStatus } from '../remote-work-report.enums';
import type { RemoteWorkReportRowRepository } from '../repositories/remote-work-report-row.repository';
import type { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { hasResultWorkbook, ReportResultRenderer, resultKeyOf } from './report-result.renderer';

const ROW: ResultWorkbookRow = {
  rowNumber: 2,
  accepted: true,
  phone: '+79161234567',
  vehiclePlate: null,
  troika: null,
  strelka: null,
  socialCard: null,
  travelPass: null,
  raw: {
    serialNumber: '1',
    phone: '8 916 123-45-67',
    vehiclePlate: null,
    troika: null,
    strelka: null,
    socialCard: null,
    travelPass: null,
  },
  issues: [],
};

function report(values: Partial<RemoteWorkReportEntity> = {}): RemoteWorkReportEntity {
  return {
    id: 'r1',
    organizationId: 'org',
    reportingWeek: '2026-11-23',
    status: ReportStatus.ACCEPTED,
    resultKey: null,
    totalEmployees: 3,
    remoteEmployees: 1,
    rowsTotal: 1,
    rowsAccepted: 1,
    rowsRejected: 0,
    sheetIssues: [],
    ...values,
  } as RemoteWorkReportEntity;
}

describe(ReportResultRenderer.name, () => {
  let dir: string;
  let storage: LocalFileStorage;
  let resultRows: jest.Mock;
  let recordResultKey: jest.Mock;
  let renderer: ReportResultRenderer;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kabinet-renderer-'));
    storage = new LocalFileStorage(dir);
    resultRows = jest.fn(async function* () {
      await Promise.resolve();
      yield ROW;
    });
    recordResultKey = jest.fn().mockResolvedValue(undefined);
    renderer = new ReportResultRenderer(
      { manager: {} } as DataSource,
      { recordResultKey } as unknown as RemoteWorkReportRepository,
      { resultRows } as unknown as RemoteWorkReportRowRepository,
      storage,
    );
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should have a result workbook for final reports only', () => {
    expect(Object.values(ReportStatus).filter(hasResultWorkbook).sort()).toEqual(
      [ReportStatus.ACCEPTED, ReportStatus.PARTIALLY_ACCEPTED, ReportStatus.REJECTED].sort(),
    );
  });

  it('should render once for concurrent first downloads, store it and record its key', async () => {
    const [first, second] = await Promise.all([
      renderer.open(report()).then(buffer),
      renderer.open(report()).then(buffer),
    ]);
    expect(first.equals(second)).toBe(true);
    expect(resultRows).toHaveBeenCalledTimes(1);
    expect(recordResultKey).toHaveBeenCalledWith({}, 'r1', resultKeyOf(report()));
    expect(await storage.exists(resultKeyOf(report()))).toBe(true);

    const book = new Workbook();
    await book.xlsx.load(first as never);
    expect(book.getWorksheet('Сведения о работниках')!.getRow(2).getCell(2).value).toBe(
      "'+79161234567",
    );
  });

  it('should serve a stored rendering without reading the rows again', async () => {
    const stored = await buffer(await renderer.open(report()));
    resultRows.mockClear();
    const again = await buffer(await renderer.open(report({ resultKey: resultKeyOf(report()) })));
    expect(again.equals(stored)).toBe(true);
    expect(resultRows).not.toHaveBeenCalled();
  });

  it('should render again when the stored rendering is gone, and list no rows of a REJECTED report', async () => {
    const rejected = report({ status: ReportStatus.REJECTED, resultKey: 'missing/result.xlsx' });
    const book = new Workbook();
    await book.xlsx.load((await buffer(await renderer.open(rejected))) as never);
    expect(book.getWorksheet('Сведения о работниках')!.rowCount).toBe(1);
    expect(resultRows).not.toHaveBeenCalled();
  });
});
