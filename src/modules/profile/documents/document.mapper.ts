import { passportValidity } from '../../identity';
import type { IdentityDocumentEntity } from '../../identity';
import { PassportDocument } from '../graphql/passport-document.type';
import { SnilsDocument } from '../graphql/snils-document.type';

export function toSnilsDocument(entity: IdentityDocumentEntity): SnilsDocument {
  return Object.assign(new SnilsDocument(), {
    id: entity.id,
    number: entity.number,
    status: entity.status,
    submittedAt: entity.submittedAt,
    verifiedAt: entity.verifiedAt,
    rejectionReason: entity.rejectionReason,
  });
}

export function toPassportDocument(
  entity: IdentityDocumentEntity,
  birthDate: string | null = null,
): PassportDocument {
  const validity =
    birthDate && entity.issuedAt ? passportValidity(birthDate, entity.issuedAt) : null;
  return Object.assign(new PassportDocument(), {
    id: entity.id,
    series: entity.series ?? '',
    number: entity.number,
    issuedAt: entity.issuedAt ?? '',
    issuedBy: entity.issuedBy ?? '',
    validUntil: validity?.validUntil ?? null,
    status: entity.status,
    submittedAt: entity.submittedAt,
    verifiedAt: entity.verifiedAt,
    rejectionReason: entity.rejectionReason,
  });
}

/** What the person sees of a kind: the latest submission (a newer one shows its own check). */
export function latestOf(documents: IdentityDocumentEntity[]): IdentityDocumentEntity | null {
  return documents.reduce<IdentityDocumentEntity | null>(
    (latest, d) => (!latest || d.submittedAt > latest.submittedAt ? d : latest),
    null,
  );
}
