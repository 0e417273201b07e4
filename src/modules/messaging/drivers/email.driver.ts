import type { SendEmailJob } from '../jobs/messaging.jobs';

/** Delivers one e-mail; throws when it was not accepted, so the job is retried. */
export abstract class EmailDriver {
  abstract send(message: SendEmailJob): Promise<void>;

  /** Releases connections at shutdown. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
