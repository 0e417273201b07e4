import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, Public } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { RemoteWorkReportException } from '../remote-work-report.exception';
import { RemoteWorkReportFilesService } from './remote-work-report-files.service';
import type { ReportFileKind } from './remote-work-report-files.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TEMPLATE_NAME = 'Отчёт о работниках на дистанционном режиме.xlsx';

// RFC 6266: an ASCII fallback for old clients and the real (Cyrillic) name in filename*.
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@Controller('files')
export class RemoteWorkReportFilesController {
  constructor(private readonly files: RemoteWorkReportFilesService) {}

  @Public()
  @Get('templates/remote-work-report.xlsx')
  async template(@Res() res: Response): Promise<void> {
    const workbook = await this.files.templateWorkbook();
    res
      .status(200)
      .set({
        'Content-Type': XLSX,
        'Content-Disposition': contentDisposition(TEMPLATE_NAME),
        'Cache-Control': 'public, max-age=3600',
      })
      .send(workbook);
  }

  @Get('remote-work-reports/:id/:kind')
  async download(
    @CurrentUser() principal: AuthPrincipal,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Res() res: Response,
  ): Promise<void> {
    if (kind !== 'original' && kind !== 'result') {
      throw RemoteWorkReportException.reportNotFound();
    }
    const file = await this.files.open(principal, id, kind satisfies ReportFileKind);
    res.status(200).set({
      'Content-Type': XLSX,
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'private, no-store',
    });
    try {
      await pipeline(file.stream, res);
    } catch (error) {
      // Once bytes are on their way the status cannot change: a client that went away (or a
      // read error) just ends the response.
      if (!res.headersSent) {
        throw error;
      }
      res.destroy();
    }
  }
}
