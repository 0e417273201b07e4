import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Job, Queue } from 'bull';
import { DataSource } from 'typeorm';
import { reportsConfig } from '../../../config/configuration';
import { QueueName } from '../../../queues/queue-names';
import { RemoteWorkReportRepository } from '../repositories/remote-work-report.repository';
import { fairShare, mustDefer } from './report-slot-fairness';

// How long a job put off to let another organization in waits before it is picked again.
export const DEFERRED_JOB_DELAY_MS = 1000;
// A worker that dies holding a slot cannot give it back: the count expires this long after the
// organization's last job started (a parse is killed after parseTimeoutMs).
const SLOT_COUNT_MARGIN_MS = 60_000;

/** A parser slot held by an organization; give it back when the job ends, however it ends. */
export interface ReportSlot {
  release(): Promise<void>;
}

const NO_SLOT: ReportSlot = { release: () => Promise.resolve() };

/**
 * Shares parser slots fairly between organizations, across every worker: each organization's
 * jobs in flight are counted in Redis (INCR when a job starts, DECR when it ends, with a TTL as a
 * safety net). A job of an organization past its share ({@link fairShare} of all slots) while
 * another organization's report waits is not parsed: the caller puts it off with
 * {@link deferActiveJob}. One INCR per job, plus one indexed query when past the share.
 */
@Injectable()
export class ReportSlotGate {
  private readonly share: number;

  constructor(
    @InjectQueue(QueueName.RemoteWorkReports) private readonly queue: Queue,
    private readonly dataSource: DataSource,
    private readonly reports: RemoteWorkReportRepository,
    @Inject(reportsConfig.KEY) private readonly config: ConfigType<typeof reportsConfig>,
  ) {
    this.share = fairShare(config.parserWorkers * config.parserConcurrency);
  }

  /** A slot for the report's organization, or null when its job must give the slot up. */
  async take(reportId: string): Promise<ReportSlot | null> {
    const report = await this.reports.findById(this.dataSource.manager, reportId);
    if (!report) {
      // Nothing to parse: processing finds out and ends the job.
      return NO_SLOT;
    }
    const key = this.queue.toKey(`parsing:${report.organizationId}`);
    const results = await this.queue.client
      .multi()
      .incr(key)
      .pexpire(key, this.config.parseTimeoutMs + SLOT_COUNT_MARGIN_MS)
      .exec();
    const [error, held] = results?.[0] ?? [new Error('no reply from Redis'), null];
    if (error) {
      throw error;
    }
    const release = async (): Promise<void> => {
      await this.queue.client.decr(key);
    };
    const othersWaiting =
      Number(held) > this.share &&
      (await this.reports.anotherOrganizationWaits(this.dataSource.manager, report.organizationId));
    if (mustDefer(Number(held), this.share, othersWaiting)) {
      await release();
      return null;
    }
    return { release };
  }
}

interface DelayableJob {
  moveToDelayed(timestamp: number, ignoreLock?: boolean): Promise<void>;
}

/**
 * Puts a job Bull handed to this worker back for `delayMs` (active → delayed, atomically and
 * only while this worker holds its lock), without counting an attempt: its attemptsMade, data and
 * options are untouched. The job is no longer this worker's, so Bull must not finish it when the
 * handler returns: its completion is made a no-op for this run.
 */
export async function deferActiveJob(job: Job, delayMs: number): Promise<void> {
  // Job#moveToDelayed is Bull 4's (lib/job.js) but missing from its type declarations.
  await (job as Job & DelayableJob).moveToDelayed(Date.now() + delayMs);
  job.moveToCompleted = () => Promise.resolve(null);
}
