import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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

const XLSX_FILE = { content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } };
const REST_ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        subCode: { type: 'string' },
        message: { type: 'string' },
      },
    },
  },
};

@ApiTags('remote-work reports')
@Controller('files')
export class RemoteWorkReportFilesController {
  constructor(private readonly files: RemoteWorkReportFilesService) {}

  @Public()
  @ApiOperation({ summary: 'The empty remote-work report workbook to fill in' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The template workbook', ...XLSX_FILE })
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

  @ApiOperation({
    summary: "A report's uploaded workbook (original) or its result workbook (result)",
    description:
      'For the members who may see the report (HEAD, ADMIN, a REMOTE_WORK_REPORTS grant) and ' +
      'the organization clients with reports:read; the URLs are the report fields ' +
      'originalFileUrl and resultFileUrl. A result exists once the report is ACCEPTED, ' +
      'PARTIALLY_ACCEPTED or REJECTED.',
  })
  @ApiBearerAuth('bearer')
  @ApiParam({ name: 'id', description: 'The report id', format: 'uuid' })
  @ApiParam({ name: 'kind', enum: ['original', 'result'] })
  @ApiProduces(XLSX, 'application/json')
  @ApiOkResponse({ description: 'The workbook (Cache-Control: private, no-store)', ...XLSX_FILE })
  @ApiUnauthorizedResponse({ description: 'No valid token', schema: REST_ERROR })
  @ApiNotFoundResponse({
    description: "Not this caller's report, or no such file yet",
    schema: REST_ERROR,
  })
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
