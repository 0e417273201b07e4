import { Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../shared/auth';
import type { AuthPrincipal } from '../../shared/auth';
import type { LoaderSet } from '../../shared/graphql/request-loaders';
import { RemoteWorkReport } from './graphql/remote-work-report.type';
import { ReportQueueState } from './graphql/report-queue-state.type';
import { ReportQueueStats } from './jobs/report-queue.stats';
import { ReportLiveFactsService } from './queries/report-live-facts.service';
import { ReportStatus } from './remote-work-report.enums';
import { ReportAccess } from './report-access.service';

@Resolver(() => RemoteWorkReport)
export class RemoteWorkReportQueueResolver {
  constructor(
    private readonly access: ReportAccess,
    private readonly stats: ReportQueueStats,
    private readonly live: ReportLiveFactsService,
  ) {}

  @Query(() => ReportQueueState, {
    description:
      'The report queue now: reports waiting, the rate they are finished at and the expected wait. For those who may read the organization’s reports.',
  })
  async remoteWorkReportQueue(@CurrentUser() principal: AuthPrincipal): Promise<ReportQueueState> {
    await this.access.forRead(principal);
    return this.stats.snapshot(new Date());
  }

  @ResolveField(() => Int, {
    nullable: true,
    description:
      'While QUEUED: about how many reports are ahead of this one, itself included (1 = next). Approximate; null in other statuses.',
  })
  async queuePosition(
    @Parent() report: RemoteWorkReport,
    @Context('loaders') loaders: LoaderSet,
  ): Promise<number | null> {
    return (await this.live.forReport(report, loaders)).position;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description:
      'While PROCESSING: employee rows checked so far, updated at most once a second (also sent by remoteWorkReportStatusChanged); null in other statuses.',
  })
  async rowsProcessed(
    @Parent() report: RemoteWorkReport,
    @Context('loaders') loaders: LoaderSet,
  ): Promise<number | null> {
    if (report.status !== ReportStatus.PROCESSING) {
      return null;
    }
    // A progress event carries its figure; a query asks Redis.
    return report.rowsProcessed ?? (await this.live.forReport(report, loaders)).rowsProcessed;
  }
}
