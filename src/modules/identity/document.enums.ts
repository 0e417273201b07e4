import { registerEnumType } from '@nestjs/graphql';

export enum VerificationStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
  /**
   * A trusted identity provider or a qualified certificate gave this SNILS to another person's
   * account: this account's registry (knowledge-based) check no longer counts.
   */
  DISPUTED = 'DISPUTED',
}

registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  description: 'Where a document’s check against the person registry stands.',
  valuesMap: {
    PENDING: { description: 'Submitted; the registry check is under way.' },
    VERIFIED: { description: 'The registry confirmed the document.' },
    REJECTED: { description: 'The registry did not confirm it (see rejectionReason).' },
    EXPIRED: { description: 'The registry did not answer in time; submit again.' },
    DISPUTED: {
      description:
        'Out of force: a trusted identity provider or a qualified e-signature proved this SNILS belongs to another account.',
    },
  },
});

export enum DocumentKind {
  SNILS = 'SNILS',
  PASSPORT = 'PASSPORT',
}
