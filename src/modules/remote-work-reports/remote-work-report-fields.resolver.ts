import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { LoaderSet } from '../../shared/graphql/request-loaders';
import { RemoteWorkReport } from './graphql/remote-work-report.type';
import { ReportIssue } from './graphql/report-issue.type';
import { ISSUES_DEFAULT, ISSUES_MAX, ReportIssuesService } from './queries/report-issues.service';

@Resolver(() => RemoteWorkReport)
export class RemoteWorkReportFieldsResolver {
  constructor(private readonly reportIssues: ReportIssuesService) {}

  @ResolveField(() => [ReportIssue], {
    description: `Problems found: file and employer-sheet issues first, then employee rows in row order. At most \`first\` (default ${ISSUES_DEFAULT}, up to ${ISSUES_MAX}); the result file lists them all.`,
  })
  issues(
    @Parent() report: RemoteWorkReport,
    @Args('first', { type: () => Int, nullable: true, description: 'How many issues to return.' })
    first: number | undefined,
    @Context('loaders') loaders: LoaderSet,
  ): Promise<ReportIssue[]> {
    return this.reportIssues.forReport(report, first, loaders);
  }
}
