import { registerEnumType } from '@nestjs/graphql';

/**
 * Where the proof of an identifier link (a plate, a policy, a child…) stands. Only a VERIFIED
 * link reaches personal events, and only those that occurred at or after its `verifiedAt`.
 */
export enum LinkVerification {
  UNVERIFIED = 'UNVERIFIED',
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(LinkVerification, {
  name: 'LinkVerification',
  description: 'Where the registry proof of an identifier link stands.',
  valuesMap: {
    UNVERIFIED: {
      description:
        'Not checked: the proof is missing (e.g. no СТС, no check code, no verified SNILS). Only public events reach it.',
    },
    PENDING: { description: 'Sent to the registry; the answer is awaited.' },
    VERIFIED: {
      description:
        'The registry confirmed it: personal events from verifiedAt on reach the person.',
    },
    REJECTED: { description: 'The registry did not confirm it: only public events reach it.' },
    EXPIRED: {
      description:
        'The registry did not answer in time (DOCUMENT_CHECK_EXPIRY_HOURS): only public events reach it; giving it again starts a new check.',
    },
  },
});
