import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser } from '../../../shared/auth';
import type { AuthPrincipal } from '../../../shared/auth';
import { CurrentClient } from '../../auth';
import type { ClientInfo } from '../../auth';
import { DataExportService } from '../data-export.service';

const ZIP = 'application/zip';
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

@ApiTags('personal data')
@Controller('files')
export class DataExportFilesController {
  constructor(private readonly exports: DataExportService) {}

  @ApiOperation({
    summary: 'The ZIP of a personal-data export (the DataExport.downloadUrl link)',
    description:
      'Only for the export’s owner: the link’s signature and time AND the owner’s access token. ' +
      'Each download is recorded in the person’s data-access log.',
  })
  @ApiBearerAuth('bearer')
  @ApiParam({ name: 'id', description: 'The export id', format: 'uuid' })
  @ApiQuery({ name: 'expires', description: 'Link end, Unix seconds (from downloadUrl)' })
  @ApiQuery({ name: 'signature', description: 'Link signature (from downloadUrl)' })
  @ApiProduces(ZIP, 'application/json')
  @ApiOkResponse({
    description: 'The archive (Cache-Control: private, no-store)',
    content: { [ZIP]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiUnauthorizedResponse({ description: 'No valid token', schema: REST_ERROR })
  @ApiForbiddenResponse({
    description: 'DATA_EXPORT_LINK_INVALID, or DATA_EXPORT_LINK_EXPIRED (link or export too old)',
    schema: REST_ERROR,
  })
  @ApiNotFoundResponse({ description: 'Not the caller’s export', schema: REST_ERROR })
  @Get('data-exports/:id')
  async download(
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
    @Param('id') id: string,
    @Query('expires') expires: unknown,
    @Query('signature') signature: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.exports.open(principal, id, expires, signature, client.ip);
    res.status(200).set({
      'Content-Type': ZIP,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
      ...(file.size !== null ? { 'Content-Length': String(file.size) } : {}),
    });
    try {
      await pipeline(file.stream, res);
    } catch (error) {
      // Once bytes are on their way the status cannot change.
      if (!res.headersSent) {
        throw error;
      }
      res.destroy();
    }
  }
}
