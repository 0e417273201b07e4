import { IdentityDocumentEntity } from '../../identity';
import { DocumentKind, VerificationStatus } from '../profile.enums';
import {
  applyVerdict,
  expire,
  isExpired,
  REJECTION_REASONS,
  startRecheck,
} from './document-lifecycle';

function document(overrides: Partial<IdentityDocumentEntity> = {}): IdentityDocumentEntity {
  return Object.assign(new IdentityDocumentEntity(), {
    id: 'd1',
    userId: 'u1',
    kind: DocumentKind.SNILS,
    series: null,
    number: '112-233-445 95',
    issuedAt: null,
    issuedBy: null,
    status: VerificationStatus.PENDING,
    inForce: false,
    submittedAt: new Date('2026-01-01T10:00:00Z'),
    verifiedAt: null,
    rejectionReason: null,
    checkExpiresAt: new Date('2026-01-03T10:00:00Z'),
    updatedAt: new Date('2026-01-01T10:00:00Z'),
    ...overrides,
  });
}

describe('document lifecycle', () => {
  const now = new Date('2026-01-02T10:00:00Z');

  it('should verify and put in force on MATCH', () => {
    expect(applyVerdict(document(), 'MATCH', now)).toMatchObject({
      status: VerificationStatus.VERIFIED,
      inForce: true,
      verifiedAt: now,
      checkExpiresAt: null,
    });
  });

  it('should reject with a Russian reason on MISMATCH and NOT_FOUND', () => {
    expect(applyVerdict(document(), 'MISMATCH', now)).toMatchObject({
      status: VerificationStatus.REJECTED,
      rejectionReason: REJECTION_REASONS.SNILS_MISMATCH,
    });
    expect(
      applyVerdict(document({ kind: DocumentKind.PASSPORT }), 'NOT_FOUND', now).rejectionReason,
    ).toBe(REJECTION_REASONS.PASSPORT_NOT_FOUND);
  });

  it('should take a rejected re-check out of force', () => {
    const recheck = document({ inForce: true });
    expect(applyVerdict(recheck, 'MISMATCH', now).inForce).toBe(false);
  });

  it('should keep a re-check in force while it is pending', () => {
    const verified = document({ status: VerificationStatus.VERIFIED, inForce: true });
    expect(startRecheck(verified, now, 3_600_000)).toMatchObject({
      status: VerificationStatus.PENDING,
      inForce: true,
      checkExpiresAt: new Date('2026-01-02T11:00:00Z'),
    });
  });

  it('should expire a pending check only after its time', () => {
    expect(isExpired(document(), now)).toBe(false);
    expect(isExpired(document(), new Date('2026-01-03T10:00:00Z'))).toBe(true);
    expect(
      isExpired(document({ status: VerificationStatus.VERIFIED }), new Date('2027-01-01')),
    ).toBe(false);
    expect(expire(document({ inForce: true }), now)).toMatchObject({
      status: VerificationStatus.EXPIRED,
      inForce: false,
    });
  });
});
