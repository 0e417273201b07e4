import { CreateUsers1795451700000 } from './1795451700000-create-users';
import { CreatePendingRegistrations1795451701000 } from './1795451701000-create-pending-registrations';
import { CreateOneTimeCodes1795451702000 } from './1795451702000-create-one-time-codes';
import { CreateSessions1795451703000 } from './1795451703000-create-sessions';
import { CreateRefreshTokens1795451704000 } from './1795451704000-create-refresh-tokens';
import { CreateAccountDeletions1795451705000 } from './1795451705000-create-account-deletions';

/** The auth module's migrations (accounts and sign-in), in the order they run. */
export const AUTH_MIGRATIONS = [
  CreateUsers1795451700000,
  CreatePendingRegistrations1795451701000,
  CreateOneTimeCodes1795451702000,
  CreateSessions1795451703000,
  CreateRefreshTokens1795451704000,
  CreateAccountDeletions1795451705000,
];
