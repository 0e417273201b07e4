import type { PubSubEngine } from 'graphql-subscriptions';
import type { AuthPrincipal } from '../../../shared/auth';
import { AppException } from '../../../shared/errors';
import type { RemoteWorkReport } from '../graphql/remote-work-report.type';
import type { RemoteWorkReportQueryService } from '../queries/remote-work-report-query.service';
import type { ReportAccess } from '../report-access.service';
import { ReportStatusFeed } from './report-status.feed';

const principal = { kind: 'user', subject: 'u1', organizationId: 'org-1' } as AuthPrincipal;

function report(revision: number): RemoteWorkReport {
  const at = new Date().toISOString();
  return {
    id: 'r1',
    organizationId: 'org-1',
    revision,
    submittedAt: at,
    processedAt: null,
    createdAt: at,
  } as unknown as RemoteWorkReport;
}

describe(`${ReportStatusFeed.name} access re-check`, () => {
  let listener: (message: { report: RemoteWorkReport }) => void;
  let forRead: jest.Mock;
  let feed: ReportStatusFeed;

  beforeEach(() => {
    forRead = jest.fn().mockResolvedValue({ organizationId: 'org-1' });
    const pubSub = {
      subscribe: jest.fn((_channel: string, onMessage: typeof listener) => {
        listener = onMessage;
        return Promise.resolve(1);
      }),
      unsubscribe: jest.fn(),
    };
    feed = new ReportStatusFeed(
      pubSub as unknown as PubSubEngine,
      { forRead } as unknown as ReportAccess,
      {} as RemoteWorkReportQueryService,
    );
  });

  it('should check access before every event and end the subscription once it is gone', async () => {
    const events = await feed.open(principal);
    listener({ report: report(1) });
    const first = await events.next();
    expect(first.value?.remoteWorkReportStatusChanged.revision).toBe(1);
    expect(forRead).toHaveBeenCalledTimes(2); // at open, and for the event

    forRead.mockRejectedValue(AppException.forbidden());
    listener({ report: report(2) });
    const second = await events.next();
    expect(second.done).toBe(true);
    expect(forRead).toHaveBeenCalledTimes(3);
  });
});
