import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { isLiveJob } from '../../../queues/live-jobs';
import { CheckDocumentJob, JobName, QueueName } from '../../../queues/queue-names';

// The registry may be down for a while: 8 tries 1 s, 2 s … 64 s apart; after that the expiry
// sweep queues a still-pending check again until it expires (DOCUMENT_CHECK_EXPIRY_HOURS).
export const CHECK_JOB_OPTIONS: JobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
};

/** One job per document check, its id the document id (Bull adds an id only once). */
@Injectable()
export class DocumentCheckQueue {
  constructor(@InjectQueue(QueueName.DocumentChecks) private readonly queue: Queue) {}

  /** Makes sure a check job is waiting or running; false when one already was. */
  async ensureQueued(documentId: string): Promise<boolean> {
    const existing = await this.queue.getJob(documentId);
    if (existing) {
      if (isLiveJob(existing)) {
        return false;
      }
      await existing.remove();
    }
    const data: CheckDocumentJob = { documentId };
    await this.queue.add(JobName.CheckDocument, data, { ...CHECK_JOB_OPTIONS, jobId: documentId });
    return true;
  }
}
