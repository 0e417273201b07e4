import { AccountDeletionEntity } from './account-deletion.entity';
import { OneTimeCodeEntity } from './one-time-code.entity';
import { PendingRegistrationEntity } from './pending-registration.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';

/** The auth module's tables, for the ENTITIES list. */
export const AUTH_ENTITIES = [
  PendingRegistrationEntity,
  OneTimeCodeEntity,
  SessionEntity,
  RefreshTokenEntity,
  AccountDeletionEntity,
];
