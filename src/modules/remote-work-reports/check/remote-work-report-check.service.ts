import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileUpload } from 'graphql-upload/Upload.mjs';
import { reportsConfig } from '../../../config/configuration';
import type { AuthPrincipal } from '../../../shared/auth';
import { AttemptLimiter } from '../../../core/rate-limit/index';
import type { AttemptLimit } from '../../../core/rate-limit/index';
import { OrganizationAccess } from '../../organizations';
import type { ReportCheck } from '../graphql/report-check.type';
import type { ParsedEmployeeRow } from '../parsing/remote-work-report.model';
import { ReportIssueCode } from '../parsing/report-issue.model';
import type { ReportIssue as ParsedReportIssue } from '../parsing/report-issue.model';
import { toIssue } from '../queries/report-issues.service';
import { ReportStatus } from '../remote-work-report.enums';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { ReportAccess } from '../report-access.service';
import { defaultReportingWeek, isMonday } from '../reporting-week';
import { cleanFileName } from '../submission/remote-work-report-submission.service';
import { ReportCheckParserPool } from './report-check-parser.pool';

/** Employee rows a check answers for; a bigger file is submitted instead. */
export const CHECK_MAX_ROWS = 5000;
/** Issues a check lists (the result workbook of a submission lists them all). */
export const CHECK_MAX_ISSUES = 1000;

/** An upload larger than the limit (the middleware cuts the stream with HTTP 413 first). */
class UploadTooLargeError extends Error {}

/**
 * `checkRemoteWorkReport`: every check of the template on an uploaded workbook, in the same
 * parser child (heap limit, timeout, package inspection) a submission is processed in, and the
 * status a submission would get. Nothing is stored: the upload goes to a private temporary
 * directory removed before the answer, no report row, no event, no webhook, no notification.
 */
@Injectable()
export class RemoteWorkReportCheckService {
  private readonly limit: AttemptLimit;

  constructor(
    private readonly access: ReportAccess,
    private readonly organizations: OrganizationAccess,
    private readonly limiter: AttemptLimiter,
    private readonly parser: ReportCheckParserPool,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {
    this.limit = { name: 'report-check', max: config.checksPerMinute, windowSeconds: 60 };
  }

  async check(
    principal: AuthPrincipal,
    file: FileUpload,
    week: string | undefined,
  ): Promise<ReportCheck> {
    const actor = await this.access.forWrite(principal);
    const reportingWeek = week ?? defaultReportingWeek(new Date());
    if (!isMonday(reportingWeek)) {
      throw RemoteWorkReportException.weekNotMonday(reportingWeek);
    }
    // Per organization, whoever asks: each check costs a parser child for up to a second.
    await this.limiter.consume(this.limit, actor.organizationId);
    const organization = await this.organizations.findOrganization(actor.organizationId);
    if (!organization) {
      throw new Error(`organization ${actor.organizationId} is missing`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'report-check-'));
    try {
      const path = join(dir, 'upload.xlsx');
      await this.spool(file, path);
      const maxRows = Math.min(CHECK_MAX_ROWS, this.config.maxRows);
      const rowIssues: ParsedReportIssue[] = [];
      let rowIssueCount = 0;
      const outcome = await this.parser.parse(
        {
          filePath: path,
          options: {
            organization,
            maxRows,
            maxUnpackedBytes: this.config.maxUnpackedBytes,
          },
        },
        (rows: ParsedEmployeeRow[]) => {
          for (const row of rows) {
            for (const issue of row.issues) {
              rowIssueCount++;
              if (rowIssues.length < CHECK_MAX_ISSUES) {
                rowIssues.push({ ...issue, row: issue.row ?? row.rowNumber });
              }
            }
          }
          return Promise.resolve();
        },
      );
      // Past the check's own limit, not the submission's: the file is fine to submit, only too
      // big to answer for on the spot.
      if (
        outcome.rejectionCode === ReportIssueCode.TOO_MANY_ROWS &&
        this.config.maxRows > CHECK_MAX_ROWS
      ) {
        throw RemoteWorkReportException.checkTooManyRows(CHECK_MAX_ROWS);
      }
      const fileName = cleanFileName(file.filename);
      const all = [...outcome.issues, ...rowIssues];
      return {
        status: ReportStatus[outcome.status],
        reportingWeek,
        totalEmployees: outcome.totalEmployees,
        remoteEmployees: outcome.remoteEmployees,
        rowsTotal: outcome.rowsTotal,
        rowsAccepted: outcome.rowsAccepted,
        rowsRejected: outcome.rowsRejected,
        issues: all.slice(0, CHECK_MAX_ISSUES).map((issue) => toIssue(issue, fileName)),
        issuesTruncated: outcome.issues.length + rowIssueCount > CHECK_MAX_ISSUES,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async spool(file: FileUpload, path: string): Promise<void> {
    const maxBytes = this.config.maxBytes;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > maxBytes ? new UploadTooLargeError() : null, chunk);
      },
    });
    try {
      await pipeline(file.createReadStream(), meter, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      if (error instanceof UploadTooLargeError || (error as { status?: unknown }).status === 413) {
        throw RemoteWorkReportException.fileTooLarge(maxBytes);
      }
      throw error;
    }
  }
}
