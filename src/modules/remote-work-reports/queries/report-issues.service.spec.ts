import type { DataSource } from 'typeorm';
import { RequestLoaders } from '../../../shared/graphql/request-loaders';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { ReportIssue } from '../parsing/report-issue.model';
import { ReportIssueCode } from '../parsing/report-issue.model';
import type { RemoteWorkReportRowRepository } from '../repositories/remote-work-report-row.repository';
import { ReportIssuesService } from './report-issues.service';

const issue = (code: ReportIssueCode, row: number | null, sheet: string | null): ReportIssue => ({
  severity: 'ERROR',
  code,
  sheet,
  row,
  column: row ? 'B' : null,
  message: code,
});

function report(id: string, sheetIssues: ReportIssue[] = []): RemoteWorkReport {
  return { id, fileName: `${id}.xlsx`, rowsTotal: 10, sheetIssues } as RemoteWorkReport;
}

describe(ReportIssuesService.name, () => {
  let findIssueRows: jest.Mock;
  let loaders: RequestLoaders;
  let service: ReportIssuesService;

  beforeEach(() => {
    findIssueRows = jest.fn((_em: unknown, requests: { reportId: string; limit: number }[]) =>
      Promise.resolve(
        requests.flatMap(({ reportId, limit }) =>
          [2, 3, 4].slice(0, limit).map((excelRow) => ({
            reportId,
            excelRow,
            issues: [issue(ReportIssueCode.PHONE_INVALID, excelRow, 'Сведения о работниках')],
          })),
        ),
      ),
    );
    loaders = new RequestLoaders();
    service = new ReportIssuesService(
      loaders,
      { manager: {} } as DataSource,
      { findIssueRows } as unknown as RemoteWorkReportRowRepository,
    );
    service.onModuleInit();
  });

  it('should list file and sheet issues first, naming the file for file-level ones', async () => {
    const fileIssue = issue(ReportIssueCode.COUNT_MISMATCH, null, null);
    const issues = await service.forReport(report('r1', [fileIssue]), 3, loaders.create());
    expect(issues.map((i) => [i.code, i.sheet, i.row])).toEqual([
      ['COUNT_MISMATCH', 'r1.xlsx', null],
      ['PHONE_INVALID', 'Сведения о работниках', 2],
      ['PHONE_INVALID', 'Сведения о работниках', 3],
    ]);
  });

  it('should load row issues of every report of a response in one query', async () => {
    const set = loaders.create();
    const [a, a2, b] = await Promise.all([
      service.forReport(report('a'), 1, set),
      service.forReport(report('a'), 3, set),
      service.forReport(report('b'), 2, set),
    ]);
    expect(findIssueRows).toHaveBeenCalledTimes(1);
    expect(findIssueRows.mock.calls[0][1]).toEqual([
      { reportId: 'a', limit: 3 },
      { reportId: 'b', limit: 2 },
    ]);
    expect([a.length, a2.length, b.length]).toEqual([1, 3, 2]);
  });

  it('should not query rows when the sheet issues fill the page or the report has no rows', async () => {
    const sheet = [issue(ReportIssueCode.INN_MISMATCH, 2, 'Сведения о работодателе')];
    await service.forReport(report('r1', sheet), 1, loaders.create());
    await service.forReport({ ...report('r2'), rowsTotal: 0 }, 5, loaders.create());
    expect(findIssueRows).not.toHaveBeenCalled();
  });

  it('should refuse a page size outside 1…1000', async () => {
    for (const first of [0, 1001]) {
      await expect(service.forReport(report('r1'), first, loaders.create())).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        subCode: 'ISSUES_LIMIT_INVALID',
      });
    }
  });
});
