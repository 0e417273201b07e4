import type { JobOptions } from 'bull';

// Documented exception to "payloads carry ids only": a code must survive a gateway outage, and
// what is sent is exactly this text, so the job carries destination and text. Jobs are removed
// once done (or given up) so codes do not linger in Redis, and the text is never logged in
// production.

/** Payload of JobName.SendSms. */
export interface SendSmsJob {
  /** E.164 phone number. */
  to: string;
  text: string;
}

/** Payload of JobName.SendEmail. */
export interface SendEmailJob {
  to: string;
  subject: string;
  text: string;
}

/**
 * Ten attempts, exponential from one second (1, 2, 4 … 256 s: about eight and a half minutes in
 * all, longer than a code lives), so a short gateway outage delays a message without losing it.
 */
export const MESSAGE_JOB_OPTIONS: JobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/** Whether a job payload is a well-formed SMS. */
export function isSendSmsJob(data: unknown): data is SendSmsJob {
  const job = data as Partial<SendSmsJob> | null;
  return typeof job?.to === 'string' && job.to !== '' && typeof job.text === 'string';
}

/** Whether a job payload is a well-formed e-mail. */
export function isSendEmailJob(data: unknown): data is SendEmailJob {
  const job = data as Partial<SendEmailJob> | null;
  return (
    typeof job?.to === 'string' &&
    job.to !== '' &&
    typeof job.subject === 'string' &&
    typeof job.text === 'string'
  );
}
