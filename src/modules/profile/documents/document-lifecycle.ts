import type { IdentityDocumentEntity } from '../../identity';
import { DocumentKind, VerificationStatus } from '../profile.enums';
import type { RegistryVerdict } from '../registry/person-registry.port';

// Pure state transitions of an identity document; services persist the result.

/** Russian reasons shown to the person. */
export const REJECTION_REASONS = {
  SNILS_MISMATCH: 'Данные СНИЛС не совпадают с ФИО и датой рождения в реестре',
  SNILS_NOT_FOUND: 'СНИЛС не найден в реестре',
  PASSPORT_MISMATCH: 'Данные паспорта не совпадают с ФИО и датой рождения в реестре',
  PASSPORT_NOT_FOUND: 'Паспорт не найден в реестре',
  SNILS_TAKEN: 'Этот СНИЛС уже подтверждён в другой учётной записи',
  PROFILE_INCOMPLETE: 'В профиле не заполнены фамилия, имя или дата рождения',
} as const;

/** The document after the registry's verdict. */
export function applyVerdict(
  document: IdentityDocumentEntity,
  verdict: RegistryVerdict,
  now: Date,
): IdentityDocumentEntity {
  if (verdict === 'MATCH') {
    return {
      ...document,
      status: VerificationStatus.VERIFIED,
      inForce: true,
      verifiedAt: now,
      rejectionReason: null,
      checkExpiresAt: null,
      updatedAt: now,
    };
  }
  const snils = document.kind === DocumentKind.SNILS;
  const reason =
    verdict === 'NOT_FOUND'
      ? snils
        ? REJECTION_REASONS.SNILS_NOT_FOUND
        : REJECTION_REASONS.PASSPORT_NOT_FOUND
      : snils
        ? REJECTION_REASONS.SNILS_MISMATCH
        : REJECTION_REASONS.PASSPORT_MISMATCH;
  return reject(document, reason, now);
}

/** REJECTED with a reason; a rejected re-check takes the document out of force. */
export function reject(
  document: IdentityDocumentEntity,
  reason: string,
  now: Date,
): IdentityDocumentEntity {
  return {
    ...document,
    status: VerificationStatus.REJECTED,
    inForce: false,
    rejectionReason: reason,
    checkExpiresAt: null,
    updatedAt: now,
  };
}

/** Whether a PENDING check has run out of time. */
export function isExpired(document: IdentityDocumentEntity, now: Date): boolean {
  return (
    document.status === VerificationStatus.PENDING &&
    document.checkExpiresAt !== null &&
    document.checkExpiresAt.getTime() <= now.getTime()
  );
}

/**
 * EXPIRED: the registry never answered. An unanswered re-check also takes the document out of
 * force: the names it was verified with are no longer the person's.
 */
export function expire(document: IdentityDocumentEntity, now: Date): IdentityDocumentEntity {
  return {
    ...document,
    status: VerificationStatus.EXPIRED,
    inForce: false,
    checkExpiresAt: null,
    updatedAt: now,
  };
}

/** Back to PENDING for a re-check after a name change; it stays in force meanwhile. */
export function startRecheck(
  document: IdentityDocumentEntity,
  now: Date,
  expiryMs: number,
): IdentityDocumentEntity {
  return {
    ...document,
    status: VerificationStatus.PENDING,
    rejectionReason: null,
    checkExpiresAt: new Date(now.getTime() + expiryMs),
    updatedAt: now,
  };
}
