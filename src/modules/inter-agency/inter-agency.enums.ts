import { registerEnumType } from '@nestjs/graphql';

export enum Environment {
  TEST = 'TEST',
  PROD = 'PROD',
}

export enum RegistrationStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
}

export enum ExchangeRole {
  CONSUMER = 'CONSUMER',
  PROVIDER = 'PROVIDER',
}

export enum AccessRequestStatus {
  PENDING = 'PENDING',
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}

export enum MessageStatus {
  SENT = 'SENT',
  DELIVERED = 'DELIVERED',
  ANSWERED = 'ANSWERED',
  ERROR = 'ERROR',
}

/**
 * Orders statuses that carry the same timestamp, so the status shown does not depend on the
 * order events arrived in: a later stage of the exchange wins, an error wins over everything.
 */
export const MESSAGE_STATUS_RANK: Record<MessageStatus, number> = {
  SENT: 1,
  DELIVERED: 2,
  ANSWERED: 3,
  ERROR: 4,
};

registerEnumType(Environment, {
  name: 'Environment',
  description: 'The exchange network’s test (TEST) or production (PROD) environment.',
});
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description:
    'PENDING until checked (TEST: automatically within seconds; PROD: by a platform operator), then ACTIVE or REJECTED.',
});
registerEnumType(ExchangeRole, {
  name: 'ExchangeRole',
  description: 'Whether a system consumes a kind of data (CONSUMER) or provides it (PROVIDER).',
});
registerEnumType(AccessRequestStatus, {
  name: 'AccessRequestStatus',
  description:
    'PENDING until decided (TEST: automatically once both systems are ACTIVE; PROD: by the owner of the kind of data), then GRANTED or REJECTED; a GRANTED access may later be REVOKED.',
});
registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description:
    'Where a message of the exchange is: sent, delivered to the provider, answered, or failed.',
});
