import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/Upload.mjs';
import { CurrentUser, Public } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { DateScalar } from '../../shared/graphql/date.scalar';
import { RemoteWorkComplianceService } from './compliance/remote-work-compliance.service';
import { RemoteWorkCompliance } from './graphql/remote-work-compliance.type';
import { RemoteWorkReportConnection } from './graphql/remote-work-report.connection';
import { RemoteWorkReport } from './graphql/remote-work-report.type';
import { RemoteWorkReportsArgs } from './graphql/remote-work-reports.args';
import { RemoteWorkReportQueryService } from './queries/remote-work-report-query.service';
import { RemoteWorkReportSubmissionService } from './submission/remote-work-report-submission.service';

@Resolver(() => RemoteWorkReport)
export class RemoteWorkReportResolver {
  constructor(
    private readonly query: RemoteWorkReportQueryService,
    private readonly submission: RemoteWorkReportSubmissionService,
    private readonly compliance: RemoteWorkComplianceService,
  ) {}

  @Public()
  @Query(() => String, {
    description: 'Where to download the empty report workbook (no sign-in needed).',
  })
  remoteWorkReportTemplateUrl(): string {
    return this.query.templateUrl();
  }

  @Query(() => RemoteWorkReportConnection, {
    description: 'The organization’s report journal, newest first; superseded reports included.',
  })
  remoteWorkReports(
    @CurrentUser() principal: AuthPrincipal,
    @Args() args: RemoteWorkReportsArgs,
  ): Promise<RemoteWorkReportConnection> {
    return this.query.list(principal, args);
  }

  @Query(() => RemoteWorkReport, {
    description: 'One report of the organization (NOT_FOUND for any other id).',
  })
  remoteWorkReport(
    @CurrentUser() principal: AuthPrincipal,
    @Args('id', { type: () => ID, description: 'Report id.' }) id: string,
  ): Promise<RemoteWorkReport> {
    return this.query.findOne(principal, id);
  }

  @Query(() => RemoteWorkCompliance, {
    description: 'Whether the week’s report was submitted, on time, and meets the remote share.',
  })
  remoteWorkCompliance(
    @CurrentUser() principal: AuthPrincipal,
    @Args('week', {
      type: () => DateScalar,
      nullable: true,
      description:
        'The reporting week (a Monday); by default the nearest Monday on or after today.',
    })
    week?: string,
  ): Promise<RemoteWorkCompliance> {
    return this.compliance.forWeek(principal, week);
  }

  @Mutation(() => RemoteWorkReport, {
    description:
      'Uploads a filled-in report workbook (GraphQL multipart request). Answers QUEUED at once; follow it with remoteWorkReportStatusChanged. The same file for the same week returns the existing report.',
  })
  submitRemoteWorkReport(
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
  ): Promise<RemoteWorkReport> {
    return this.submission.submit(principal, file, week);
  }
}
