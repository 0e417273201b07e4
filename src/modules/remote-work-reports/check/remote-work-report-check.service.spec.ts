import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ConfigType } from '@nestjs/config';
import type { FileUpload } from 'graphql-upload/Upload.mjs';
import type { reportsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { AppException } from '../../../shared/errors';
import type { AttemptLimiter } from '../../../core/rate-limit/index';
import type { OrganizationAccess } from '../../organizations';
import type { ParsedEmployeeRow, ParseOutcome } from '../parsing/remote-work-report.model';
import { ReportIssueCode } from '../parsing/report-issue.model';
import type { ReportIssue } from '../parsing/report-issue.model';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import type { ReportAccess } from '../report-access.service';
import {
  CHECK_MAX_ISSUES,
  CHECK_MAX_ROWS,
  RemoteWorkReportCheckService,
} from './remote-work-report-check.service';
import type { ReportCheckParserPool } from './report-check-parser.pool';

const ORG = { inn: '7701234560', ogrn: '1027701234560', fullName: 'ООО «РОМАШКА»' };
const PRINCIPAL = { sub: 'u1' } as unknown as AuthPrincipal;
const MONDAY = '2026-11-30';

function outcome(values: Partial<ParseOutcome> = {}): ParseOutcome {
  return {
    status: 'ACCEPTED',
    rejectionCode: null,
    totalEmployees: 2,
    remoteEmployees: 1,
    employer: null,
    rowsTotal: 1,
    rowsAccepted: 1,
    rowsRejected: 0,
    issues: [],
    ...values,
  };
}

function upload(bytes: number): FileUpload {
  return {
    filename: 'Отчёт.xlsx',
    mimetype: 'application/octet-stream',
    encoding: '7bit',
    createReadStream: () => Readable.from([Buffer.alloc(bytes, 1)]),
  };
}

function phoneIssue(row: number): ReportIssue {
  return {
    severity: 'ERROR',
    code: ReportIssueCode.PHONE_INVALID,
    sheet: 'Сведения о работниках',
    row,
    column: 'B',
    message: 'Телефон указан неверно',
  };
}

describe(RemoteWorkReportCheckService.name, () => {
  let temp: string;
  let savedTmp: string | undefined;
  let access: { forWrite: jest.Mock };
  let organizations: { findOrganization: jest.Mock };
  let limiter: { consume: jest.Mock };
  let parser: { parse: jest.Mock };
  let config: {
    maxBytes: number;
    maxRows: number;
    maxUnpackedBytes: number;
    checksPerMinute: number;
  };
  let service: RemoteWorkReportCheckService;

  const create = () =>
    new RemoteWorkReportCheckService(
      access as unknown as ReportAccess,
      organizations as unknown as OrganizationAccess,
      limiter as unknown as AttemptLimiter,
      parser as unknown as ReportCheckParserPool,
      config as unknown as ConfigType<typeof reportsConfig>,
    );

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => e,
    );

  beforeAll(() => {
    // os.tmpdir() follows TMPDIR: the check's temporary directories land where the test looks.
    savedTmp = process.env.TMPDIR;
    temp = mkdtempSync(join(tmpdir(), 'kabinet-check-service-'));
    process.env.TMPDIR = temp;
  });

  afterAll(() => {
    if (savedTmp === undefined) {
      delete process.env.TMPDIR;
    } else {
      process.env.TMPDIR = savedTmp;
    }
    rmSync(temp, { recursive: true, force: true });
  });

  beforeEach(() => {
    access = { forWrite: jest.fn().mockResolvedValue({ organizationId: 'org' }) };
    organizations = { findOrganization: jest.fn().mockResolvedValue(ORG) };
    limiter = { consume: jest.fn().mockResolvedValue(undefined) };
    parser = { parse: jest.fn().mockResolvedValue(outcome()) };
    config = { maxBytes: 1024, maxRows: 200_000, maxUnpackedBytes: 1 << 20, checksPerMinute: 10 };
    service = create();
  });

  afterEach(() => {
    // Nothing is left behind, whatever the answer.
    expect(readdirSync(temp)).toEqual([]);
  });

  it('should refuse whoever may not submit, before counting or reading anything', async () => {
    access.forWrite.mockRejectedValue(AppException.forbidden());
    const error = await refusal(service.check(PRINCIPAL, upload(10), MONDAY));
    expect(error).toBeInstanceOf(AppException);
    expect(limiter.consume).not.toHaveBeenCalled();
    expect(parser.parse).not.toHaveBeenCalled();
  });

  it('should refuse a week that is not a Monday without spending the organization’s checks', async () => {
    const error = await refusal(service.check(PRINCIPAL, upload(10), '2026-12-01'));
    expect(error).toBeInstanceOf(RemoteWorkReportException);
    expect(error).toMatchObject({ subCode: 'WEEK_NOT_MONDAY' });
    expect(limiter.consume).not.toHaveBeenCalled();
    expect(parser.parse).not.toHaveBeenCalled();
  });

  it('should count checks per organization and refuse past the limit before parsing', async () => {
    limiter.consume.mockRejectedValue(AppException.rateLimited(42));
    const error = await refusal(service.check(PRINCIPAL, upload(10), MONDAY));
    expect(error).toMatchObject({ subCode: 'RATE_LIMITED', extras: { retryAfterSeconds: 42 } });
    expect(limiter.consume).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'report-check', max: 10, windowSeconds: 60 }),
      'org',
    );
    expect(parser.parse).not.toHaveBeenCalled();
  });

  it('should refuse an upload larger than REPORT_MAX_BYTES and parse nothing of it', async () => {
    const error = await refusal(service.check(PRINCIPAL, upload(1025), MONDAY));
    expect(error).toMatchObject({ subCode: 'FILE_TOO_LARGE' });
    expect(parser.parse).not.toHaveBeenCalled();
  });

  it('should refuse a file of more rows than a check answers for, telling to submit it', async () => {
    parser.parse.mockResolvedValue(
      outcome({ status: 'REJECTED', rejectionCode: ReportIssueCode.TOO_MANY_ROWS }),
    );
    const error = await refusal(service.check(PRINCIPAL, upload(10), MONDAY));
    expect(error).toMatchObject({ subCode: 'CHECK_TOO_MANY_ROWS' });
    expect((error as Error).message).toContain('5 000');
    expect((error as Error).message).toContain('submitRemoteWorkReport');
    expect(parser.parse).toHaveBeenCalledWith(
      expect.objectContaining({ options: expect.objectContaining({ maxRows: CHECK_MAX_ROWS }) }),
      expect.any(Function),
    );
  });

  it('should answer REJECTED, as a submission would, when the submission limit itself is lower', async () => {
    config.maxRows = 100;
    service = create();
    parser.parse.mockResolvedValue(
      outcome({ status: 'REJECTED', rejectionCode: ReportIssueCode.TOO_MANY_ROWS }),
    );
    const check = await service.check(PRINCIPAL, upload(10), MONDAY);
    expect(check.status).toBe('REJECTED');
    expect(parser.parse.mock.calls[0][0].options.maxRows).toBe(100);
  });

  it('should list at most CHECK_MAX_ISSUES issues and say when there were more', async () => {
    parser.parse.mockImplementation(
      async (_request: unknown, onRows: (rows: ParsedEmployeeRow[]) => Promise<void>) => {
        const rows = Array.from(
          { length: CHECK_MAX_ISSUES + 5 },
          (_, i) =>
            ({ rowNumber: i + 2, issues: [phoneIssue(i + 2)] }) as unknown as ParsedEmployeeRow,
        );
        await onRows(rows);
        return outcome({ status: 'PARTIALLY_ACCEPTED', rowsRejected: rows.length });
      },
    );
    const check = await service.check(PRINCIPAL, upload(10), MONDAY);
    expect(check.status).toBe('PARTIALLY_ACCEPTED');
    expect(check.issues).toHaveLength(CHECK_MAX_ISSUES);
    expect(check.issuesTruncated).toBe(true);
    expect(check.reportingWeek).toBe(MONDAY);
  });

  it('should remove the temporary copy when the parser fails', async () => {
    parser.parse.mockRejectedValue(new Error('report parser failed'));
    const error = await refusal(service.check(PRINCIPAL, upload(10), MONDAY));
    expect((error as Error).message).toBe('report parser failed');
  });
});
