import { registerEnumType } from '@nestjs/graphql';

/** Where a password-reset code is sent. */
export enum RecoveryChannel {
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}

registerEnumType(RecoveryChannel, {
  name: 'RecoveryChannel',
  description: 'Where a password-reset code is sent.',
  valuesMap: {
    SMS: { description: 'To the account’s phone.' },
    EMAIL: { description: 'To the account’s e-mail (when it has one).' },
  },
});
