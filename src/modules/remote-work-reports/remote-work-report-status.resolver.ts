import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import { ReportStatusEvent, ReportStatusFeed } from './events/report-status.feed';
import { RemoteWorkReport } from './graphql/remote-work-report.type';

@Resolver(() => RemoteWorkReport)
export class RemoteWorkReportStatusResolver {
  constructor(private readonly feed: ReportStatusFeed) {}

  @Subscription(() => RemoteWorkReport, {
    description:
      'Status changes of the organization’s reports. With reportId: that report’s current state first, then each change, so a late subscriber never misses the final status.',
  })
  remoteWorkReportStatusChanged(
    @CurrentUser() principal: AuthPrincipal,
    @Args('reportId', { type: () => ID, nullable: true, description: 'Follow one report only.' })
    reportId?: string,
  ): Promise<AsyncIterableIterator<ReportStatusEvent>> {
    return this.feed.open(principal, reportId);
  }
}
