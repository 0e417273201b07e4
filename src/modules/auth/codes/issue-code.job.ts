import type { LoginIdentifier } from '../../identity';
import { OneTimeCodePurpose } from '../entities/one-time-code.entity';
import { RecoveryChannel } from '../graphql/recovery-channel.enum';

/** Job of the `auth` queue: find the account a login names and send it a code. */
export const ISSUE_CODE_JOB = 'issue-one-time-code';

/** Job of the `auth` queue: delete expired registrations, codes and ended sessions. */
export const PURGE_EXPIRED_JOB = 'purge-expired';

/**
 * Payload of {@link ISSUE_CODE_JOB}. It carries the login rather than an account id on purpose:
 * whether the account exists is decided in the worker, so the request path is the same for
 * existing and unknown logins (no enumeration by timing).
 */
export interface IssueCodeJob {
  purpose: OneTimeCodePurpose;
  login: LoginIdentifier;
  channel: RecoveryChannel;
}

/** Whether a payload is a well-formed {@link IssueCodeJob}. */
export function isIssueCodeJob(data: unknown): data is IssueCodeJob {
  const job = data as Partial<IssueCodeJob> | null;
  return (
    Object.values(OneTimeCodePurpose).includes(job?.purpose as OneTimeCodePurpose) &&
    Object.values(RecoveryChannel).includes(job?.channel as RecoveryChannel) &&
    typeof job?.login?.kind === 'string'
  );
}
