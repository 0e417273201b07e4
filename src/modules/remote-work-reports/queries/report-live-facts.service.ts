import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaderSet, RequestLoaders } from '../../../shared/graphql/request-loaders';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { ReportLiveFacts } from '../jobs/report-queue.stats';
import { ReportQueueStats } from '../jobs/report-queue.stats';
import { ReportStatus } from '../remote-work-report.enums';

const LIVE_FACTS_LOADER = 'remoteWorkReportLiveFacts';

// Loader key: `<status>:<reportId>`.
type LiveKey = `${ReportStatus}:${string}`;

const NONE: ReportLiveFacts = { position: null, rowsProcessed: null };

/**
 * `RemoteWorkReport.queuePosition` and `rowsProcessed` of every report in a response from one
 * Redis round trip (a per-request loader over {@link ReportQueueStats.live}).
 */
@Injectable()
export class ReportLiveFactsService implements OnModuleInit {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly stats: ReportQueueStats,
  ) {}

  onModuleInit(): void {
    this.loaders.register<LiveKey, ReportLiveFacts>(LIVE_FACTS_LOADER, async (keys) => {
      const queued: string[] = [];
      const processing: string[] = [];
      for (const key of keys) {
        const at = key.indexOf(':');
        (key.startsWith(`${ReportStatus.QUEUED}:`) ? queued : processing).push(key.slice(at + 1));
      }
      const { positions, progress } = await this.stats.live(queued, processing);
      return keys.map((key) => {
        const id = key.slice(key.indexOf(':') + 1);
        return key.startsWith(`${ReportStatus.QUEUED}:`)
          ? { position: positions.get(id) ?? null, rowsProcessed: null }
          : { position: null, rowsProcessed: progress.get(id) ?? null };
      });
    });
  }

  forReport(report: RemoteWorkReport, loaders: LoaderSet): Promise<ReportLiveFacts> {
    if (report.status !== ReportStatus.QUEUED && report.status !== ReportStatus.PROCESSING) {
      return Promise.resolve(NONE);
    }
    return loaders
      .get<LiveKey, ReportLiveFacts>(LIVE_FACTS_LOADER)
      .load(`${report.status}:${report.id}`);
  }
}
