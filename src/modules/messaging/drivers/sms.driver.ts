import type { SendSmsJob } from '../jobs/messaging.jobs';

/** Delivers one SMS; throws when it was not accepted, so the job is retried. */
export abstract class SmsDriver {
  abstract send(message: SendSmsJob): Promise<void>;
}
