import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueueName } from '../../../queues/queue-names';

// The window of `processingRate`, and how long a second's count of finished reports is kept.
const RATE_WINDOW_SECONDS = 60;
const RATE_BUCKET_TTL_SECONDS = 2 * RATE_WINDOW_SECONDS;
// A progress figure outlives a dead worker's parse only this long.
const PROGRESS_TTL_SECONDS = 600;

/** The queue as a client sees it. */
export interface ReportQueueSnapshot {
  waiting: number;
  /** Reports finished per second over the last minute. */
  processingRate: number;
  /** null while nothing finished in the last minute but reports wait. */
  estimatedWaitSeconds: number | null;
}

/** What is known of reports not finished yet: their place in the queue or their progress. */
export interface ReportLiveFacts {
  position: number | null;
  rowsProcessed: number | null;
}

function second(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/**
 * Cheap queue figures in Redis, next to the queue's own keys, with no scan of the queue:
 * - each enqueue takes the next number of a sequence (`position-seq`) and keeps it per report
 *   (hash `position-of`); each report taken by a worker is dropped from the hash and counted
 *   (`position-started`). A QUEUED report's position is its number minus the reports taken
 *   since the count began: one HMGET and one GET for a whole response. It is approximate: fair
 *   slots reorder organizations' jobs, and a report queued again (reconciler, re-upload) takes a
 *   new number while its old one is never counted as taken, which pushes later positions by one;
 * - finished reports are counted per second (keys that expire after two minutes): the rate is
 *   the sum of the last 60 seconds over 60;
 * - rows checked so far of a PROCESSING report (`progress:<id>`), set with each progress event.
 */
@Injectable()
export class ReportQueueStats {
  constructor(@InjectQueue(QueueName.RemoteWorkReports) private readonly queue: Queue) {}

  /** A report is about to be queued: it takes the next place. */
  async enqueued(reportId: string): Promise<void> {
    const place = await this.queue.client.incr(this.queue.toKey('position-seq'));
    await this.queue.client.hset(this.queue.toKey('position-of'), reportId, String(place));
  }

  /** A worker took the report: it leaves the queue (counted once, whatever the tries). */
  async started(reportId: string): Promise<void> {
    const removed = await this.queue.client.hdel(this.queue.toKey('position-of'), reportId);
    if (removed > 0) {
      await this.queue.client.incr(this.queue.toKey('position-started'));
    }
  }

  /** Rows of the report checked so far (while PROCESSING). */
  async progressed(reportId: string, rowsProcessed: number): Promise<void> {
    await this.queue.client.set(
      this.queue.toKey(`progress:${reportId}`),
      String(rowsProcessed),
      'EX',
      PROGRESS_TTL_SECONDS,
    );
  }

  /** The report reached a final status. */
  async finished(reportId: string, now: Date): Promise<void> {
    const bucket = this.queue.toKey(`finished:${second(now)}`);
    await this.queue.client
      .multi()
      .incr(bucket)
      .expire(bucket, RATE_BUCKET_TTL_SECONDS)
      .del(this.queue.toKey(`progress:${reportId}`))
      .exec();
  }

  /** Positions of QUEUED reports and progress of PROCESSING ones: one round trip. */
  async live(
    queued: readonly string[],
    processing: readonly string[],
  ): Promise<{ positions: Map<string, number>; progress: Map<string, number> }> {
    const positions = new Map<string, number>();
    const progress = new Map<string, number>();
    if (queued.length === 0 && processing.length === 0) {
      return { positions, progress };
    }
    const client = this.queue.client;
    const [places, started, rows] = await Promise.all([
      queued.length > 0
        ? client.hmget(this.queue.toKey('position-of'), ...queued)
        : Promise.resolve([]),
      queued.length > 0 ? client.get(this.queue.toKey('position-started')) : Promise.resolve(null),
      processing.length > 0
        ? client.mget(...processing.map((id) => this.queue.toKey(`progress:${id}`)))
        : Promise.resolve([]),
    ]);
    queued.forEach((id, i) => {
      const place = places[i];
      if (place !== null && place !== undefined) {
        positions.set(id, Math.max(1, Number(place) - Number(started ?? 0)));
      }
    });
    processing.forEach((id, i) => {
      const done = rows[i];
      if (done !== null && done !== undefined) {
        progress.set(id, Number(done));
      }
    });
    return { positions, progress };
  }

  async snapshot(now: Date): Promise<ReportQueueSnapshot> {
    const last = second(now);
    const buckets = Array.from({ length: RATE_WINDOW_SECONDS }, (_, i) =>
      this.queue.toKey(`finished:${last - i}`),
    );
    const [counts, finished] = await Promise.all([
      this.queue.getJobCounts(),
      this.queue.client.mget(...buckets),
    ]);
    const waiting = counts.waiting + counts.delayed;
    const total = finished.reduce((sum, n) => sum + Number(n ?? 0), 0);
    const processingRate = total / RATE_WINDOW_SECONDS;
    return {
      waiting,
      processingRate,
      estimatedWaitSeconds:
        waiting === 0 ? 0 : processingRate > 0 ? Math.ceil(waiting / processingRate) : null,
    };
  }
}
