import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AuthPrincipal } from '../../../shared/auth';
import { FILE_STORAGE, StoredObjectNotFoundError } from '../../files';
import type { FileStorage } from '../../files';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { ReportAccess } from '../report-access.service';
import { buildRemoteWorkReportTemplate } from '../template/remote-work-report-template.writer';
import { hasResultWorkbook, ReportResultRenderer } from './report-result.renderer';

export type ReportFileKind = 'original' | 'result';

export interface ReportDownload {
  stream: Readable;
  fileName: string;
}

function resultFileName(original: string): string {
  const stem = original.replace(/\.[^.]*$/, '') || 'report';
  return `${stem} (результат проверки).xlsx`;
}

/** The downloads of the module: the template, and a report's original and result files. */
@Injectable()
export class RemoteWorkReportFilesService {
  private template: Promise<Buffer> | null = null;

  constructor(
    private readonly access: ReportAccess,
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    private readonly results: ReportResultRenderer,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** The empty workbook, generated once per process and kept in memory (about 10 KB). */
  templateWorkbook(): Promise<Buffer> {
    this.template ??= buildRemoteWorkReportTemplate().catch((error: unknown) => {
      this.template = null;
      throw error;
    });
    return this.template;
  }

  /** A file of a report of the caller's organization; NOT_FOUND for anything else. */
  async open(principal: AuthPrincipal, id: string, kind: ReportFileKind): Promise<ReportDownload> {
    const { organizationId } = await this.access.forRead(principal);
    const report = isUUID(id) ? await this.reports.findById(this.dataSource.manager, id) : null;
    if (
      !report ||
      report.organizationId !== organizationId ||
      (kind === 'result' && !hasResultWorkbook(report.status))
    ) {
      throw RemoteWorkReportException.reportNotFound();
    }
    try {
      return kind === 'original'
        ? { stream: await this.storage.openRead(report.originalKey), fileName: report.fileName }
        : { stream: await this.results.open(report), fileName: resultFileName(report.fileName) };
    } catch (error) {
      if (error instanceof StoredObjectNotFoundError) {
        throw RemoteWorkReportException.reportNotFound();
      }
      throw error;
    }
  }
}
