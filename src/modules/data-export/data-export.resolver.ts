import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { CurrentClient } from '../auth';
import type { ClientInfo } from '../auth';
import { DataExportService } from './data-export.service';
import { DataExport } from './graphql/data-export.type';

@Resolver(() => DataExport)
export class DataExportResolver {
  constructor(private readonly exports: DataExportService) {}

  @Mutation(() => DataExport, {
    description:
      'Everything Kabinet holds about me in one ZIP (152-FZ art. 14), built in the background. Asked again while one is in progress or downloadable, returns that one; a new one at most once in 24 hours (CONFLICT DATA_EXPORT_DAILY_LIMIT).',
  })
  requestMyDataExport(
    @CurrentUser() principal: AuthPrincipal,
    @CurrentClient() client: ClientInfo,
  ): Promise<DataExport> {
    return this.exports.request(principal, client.ip);
  }

  @Query(() => DataExport, {
    nullable: true,
    description: 'My latest data export (with a fresh download link while READY), if any.',
  })
  myDataExport(@CurrentUser() principal: AuthPrincipal): Promise<DataExport | null> {
    return this.exports.latest(principal);
  }
}
