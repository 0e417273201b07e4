import { registerEnumType } from '@nestjs/graphql';

export enum VerificationStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  description: 'Where a document’s check against the person registry stands.',
  valuesMap: {
    PENDING: { description: 'Submitted; the registry check is under way.' },
    VERIFIED: { description: 'The registry confirmed the document.' },
    REJECTED: { description: 'The registry did not confirm it (see rejectionReason).' },
    EXPIRED: { description: 'The registry did not answer in time; submit again.' },
  },
});

export enum DocumentKind {
  SNILS = 'SNILS',
  PASSPORT = 'PASSPORT',
}
