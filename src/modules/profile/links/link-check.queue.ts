import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { isLiveJob } from '../../../queues/live-jobs';
import { CheckLinkJob, JobName, QueueName } from '../../../queues/queue-names';
import { CHECK_JOB_OPTIONS } from '../jobs/document-check.queue';
import type { LinkKind } from '../registry/person-registry.port';

/** One job per link check on the document-checks queue; job id `link:<kind>:<id>`. */
@Injectable()
export class LinkCheckQueue {
  private readonly logger = new Logger(LinkCheckQueue.name);

  constructor(@InjectQueue(QueueName.DocumentChecks) private readonly queue: Queue) {}

  /** Makes sure a check job is waiting or running; false when one already was. */
  async ensureQueued(kind: LinkKind, id: string): Promise<boolean> {
    const jobId = `link:${kind}:${id}`;
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      if (isLiveJob(existing)) {
        return false;
      }
      await existing.remove();
    }
    const data: CheckLinkJob = { kind, id };
    await this.queue.add(JobName.CheckLink, data, { ...CHECK_JOB_OPTIONS, jobId });
    return true;
  }

  /** Queues after a commit; a failed enqueue is logged (the link stays PENDING until re-queued). */
  async queueAll(links: readonly { kind: LinkKind; id: string }[]): Promise<void> {
    for (const link of links) {
      await this.ensureQueued(link.kind, link.id).catch((error: unknown) => {
        this.logger.error({ err: error, ...link }, 'link check not queued');
      });
    }
  }
}
