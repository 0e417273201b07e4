import type { AuthPrincipal } from '../../shared/auth';
import { IdentityException } from './identity.exception';

/**
 * The account a principal may act on as its owner. A session acting for a child and an
 * integrator client get FORBIDDEN: they must not read or change the parent's account.
 */
export function accountOwnerId(principal: AuthPrincipal): string {
  if (principal.kind !== 'user' || !principal.userId || principal.actingChildId) {
    throw IdentityException.accountAccessForbidden();
  }
  return principal.userId;
}
