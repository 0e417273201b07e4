import { AccessLevel } from '../../auth';
import { DocumentKind } from '../profile.enums';

/** What the access level depends on: which documents are in force (verified or re-checked). */
export interface DocumentStanding {
  kind: DocumentKind;
  inForce: boolean;
}

/**
 * BASIC after registration; STANDARD with a SNILS in force; FULL with SNILS and passport in force,
 * or after a sign-in through a trusted identity provider (it vouches for the whole identity).
 * A document under re-check after a name change stays in force until the registry rejects it.
 */
export function deriveAccessLevel(
  documents: readonly DocumentStanding[],
  trustedFederatedLogin = false,
): AccessLevel {
  if (trustedFederatedLogin) {
    return AccessLevel.FULL;
  }
  const has = (kind: DocumentKind) => documents.some((d) => d.kind === kind && d.inForce);
  if (!has(DocumentKind.SNILS)) {
    return AccessLevel.BASIC;
  }
  return has(DocumentKind.PASSPORT) ? AccessLevel.FULL : AccessLevel.STANDARD;
}
