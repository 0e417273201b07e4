import { Args, Mutation, Resolver } from '@nestjs/graphql';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/Upload.mjs';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { DateScalar } from '../../shared/graphql/date.scalar';
import {
  CHECK_MAX_ROWS,
  RemoteWorkReportCheckService,
} from './check/remote-work-report-check.service';
import { ReportCheck } from './graphql/report-check.type';

@Resolver(() => ReportCheck)
export class RemoteWorkReportCheckResolver {
  constructor(private readonly checks: RemoteWorkReportCheckService) {}

  @Mutation(() => ReportCheck, {
    description: `Checks a filled-in report workbook (GraphQL multipart request) without submitting it: every check of the template, the status a submission would get, counts and issues. Stores nothing and notifies nobody. Same rights as submitRemoteWorkReport; rate-limited per organization; files of more than ${CHECK_MAX_ROWS} employee rows are refused (CHECK_TOO_MANY_ROWS): submit them instead.`,
  })
  checkRemoteWorkReport(
    @CurrentUser() principal: AuthPrincipal,
    @Args('file', { type: () => GraphQLUpload, description: 'The .xlsx workbook.' })
    file: FileUpload,
    @Args('week', {
      type: () => DateScalar,
      nullable: true,
      description:
        'The reporting week (its deadline Monday); by default the nearest Monday on or after today (Moscow).',
    })
    week?: string,
  ): Promise<ReportCheck> {
    return this.checks.check(principal, file, week);
  }
}
