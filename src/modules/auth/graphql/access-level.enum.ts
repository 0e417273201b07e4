import { registerEnumType } from '@nestjs/graphql';

/** How far an account's identity is confirmed; the profile module computes it. */
export enum AccessLevel {
  BASIC = 'BASIC',
  STANDARD = 'STANDARD',
  FULL = 'FULL',
}

registerEnumType(AccessLevel, {
  name: 'AccessLevel',
  description: 'How far the identity of an account is confirmed; services open up with the level.',
  valuesMap: {
    BASIC: { description: 'Registered with a confirmed phone.' },
    STANDARD: { description: 'The SNILS is verified.' },
    FULL: { description: 'SNILS and passport are verified, or a trusted federated login.' },
  },
});
