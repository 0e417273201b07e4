import { registerEnumType } from '@nestjs/graphql';

export enum ReportStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
}

export enum IssueSeverity {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
}

/** Statuses after which processing never runs again (short of a resubmission of a FAILED one). */
export const FINAL_STATUSES: readonly ReportStatus[] = [
  ReportStatus.ACCEPTED,
  ReportStatus.PARTIALLY_ACCEPTED,
  ReportStatus.REJECTED,
  ReportStatus.FAILED,
];

/** Statuses of a report that counts: it supersedes earlier ones and makes the week submitted. */
export const EFFECTIVE_STATUSES: readonly ReportStatus[] = [
  ReportStatus.ACCEPTED,
  ReportStatus.PARTIALLY_ACCEPTED,
];

/** Statuses the reconciler watches: the report still waits for a job. */
export const PENDING_STATUSES: readonly ReportStatus[] = [
  ReportStatus.QUEUED,
  ReportStatus.PROCESSING,
];

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Where a remote-work report is in its processing.',
  valuesMap: {
    QUEUED: { description: 'Stored and waiting to be processed.' },
    PROCESSING: { description: 'Being checked.' },
    ACCEPTED: { description: 'Every employee row accepted.' },
    PARTIALLY_ACCEPTED: { description: 'Some employee rows rejected; the rest accepted.' },
    REJECTED: {
      description: 'Not accepted: unreadable file, missing sheet or errors about the employer.',
    },
    FAILED: {
      description:
        'Could not be processed because of an internal fault after every retry; upload the same file again to retry.',
    },
  },
});

registerEnumType(IssueSeverity, {
  name: 'IssueSeverity',
  description: 'How serious a problem found in a report is.',
  valuesMap: {
    ERROR: { description: 'Rejects the row (or, on the employer sheet, the whole report).' },
    WARNING: { description: 'Accepted as it is, but worth correcting.' },
  },
});
