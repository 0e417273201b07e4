import { LinkVerification } from '../../identity';
import type { ChildFact } from '../../identity';
import { waitingReason } from '../../profile';
import type { LinkFact, LinkKind } from '../../profile';
import { SubjectKind } from '../graphql/subject-kind.enum';

/** The identifiers and personal fields of one person (or one child) that events and widgets use. */
export interface ProfileFacts {
  userId: string;
  /** Set when the facts are a child's (a student session). */
  childId: string | null;
  phone: string | null;
  /** When the phone became the account's. */
  phoneSince: Date | null;
  email: string | null;
  birthDate: string | null;
  address: string | null;
  driverLicense: string | null;
  payerCode: string | null;
  electricityAccount: string | null;
  omsPolicy: string | null;
  /** The verified SNILS in force. */
  snils: string | null;
  /** When the registry verified it. */
  snilsVerifiedAt: Date | null;
  vehicles: string[];
  children: ChildFact[];
  /** The profile's identifier links (plates, licence, payer code, account, policy) and proof. */
  links: LinkFact[];
}

/**
 * An identifier of the person to look events up by, with what it may show: `personalSince`
 * null → public events only (an unproven link, the address); a date → personal events that
 * occurred at or after it too (a proven link from its verifiedAt, the verified SNILS in force
 * from its verifiedAt, the phone from when it became the account's).
 */
export interface PersonSubject {
  kind: SubjectKind;
  value: string;
  personalSince: Date | null;
}

/** A link that does not (yet) show personal events, for widgets to say so. */
export interface UnprovenLink {
  /** The profile field it belongs to (names as in `User`). */
  field:
    'vehicles' | 'children' | 'driverLicense' | 'payerCode' | 'electricityAccount' | 'omsPolicy';
  kind: SubjectKind;
  value: string;
  verification: LinkVerification;
  /** Why it does not show personal events (Russian, for the person). */
  reason: string;
}

/** Field names of `User` that widgets and categories may need. */
export type ProfileField =
  | 'phone'
  | 'email'
  | 'birthDate'
  | 'address'
  | 'driverLicense'
  | 'payerCode'
  | 'electricityAccount'
  | 'omsPolicy'
  | 'snils'
  | 'vehicles'
  | 'children';

/** The required fields the facts lack, in the order given. */
export function missingFields(facts: ProfileFacts, required: readonly ProfileField[]): string[] {
  return required.filter((field) => {
    const value = facts[field];
    return Array.isArray(value) ? value.length === 0 : value === null || value === '';
  });
}

const LINK_KIND: Record<LinkFact['kind'] | 'CHILD_SNILS', LinkKind> = {
  VEHICLE_PLATE: 'VEHICLE',
  DRIVER_LICENSE: 'DRIVER_LICENSE',
  PAYER_CODE: 'PAYER_CODE',
  ELECTRICITY_ACCOUNT: 'ELECTRICITY_ACCOUNT',
  OMS_POLICY: 'OMS_POLICY',
  CHILD_SNILS: 'CHILD',
};

const LINK_FIELD: Record<LinkFact['kind'], UnprovenLink['field']> = {
  VEHICLE_PLATE: 'vehicles',
  DRIVER_LICENSE: 'driverLicense',
  PAYER_CODE: 'payerCode',
  ELECTRICITY_ACCOUNT: 'electricityAccount',
  OMS_POLICY: 'omsPolicy',
};

function provenSince(link: { verification: LinkVerification; verifiedAt: Date | null }) {
  return link.verification === LinkVerification.VERIFIED && link.verifiedAt
    ? link.verifiedAt
    : null;
}

/** Every identifier the facts hold, with what each may show, to look events up by. */
export function subjectsOf(facts: ProfileFacts): PersonSubject[] {
  const subjects: PersonSubject[] = [];
  const add = (kind: SubjectKind, value: string | null, personalSince: Date | null) => {
    if (value) {
      subjects.push({ kind, value, personalSince });
    }
  };
  add(SubjectKind.PHONE, facts.phone, facts.phoneSince);
  add(SubjectKind.SNILS, facts.snils, facts.snilsVerifiedAt);
  add(SubjectKind.ADDRESS, facts.address, null);
  facts.links.forEach((link) => add(link.kind as SubjectKind, link.value, provenSince(link)));
  facts.children.forEach((child) => add(SubjectKind.CHILD_SNILS, child.snils, provenSince(child)));
  return subjects;
}

/** The links of the facts that do not show personal events, in the order of `subjectsOf`. */
export function unprovenLinksOf(facts: ProfileFacts): UnprovenLink[] {
  const links: UnprovenLink[] = facts.links
    .filter((link) => link.verification !== LinkVerification.VERIFIED)
    .map((link) => ({
      field: LINK_FIELD[link.kind],
      kind: link.kind as SubjectKind,
      value: link.value,
      verification: link.verification,
      reason: waitingReason(LINK_KIND[link.kind], link.verification) ?? '',
    }));
  for (const child of facts.children) {
    if (child.snils && child.verification !== LinkVerification.VERIFIED) {
      links.push({
        field: 'children',
        kind: SubjectKind.CHILD_SNILS,
        value: child.snils,
        verification: child.verification,
        reason: waitingReason(LINK_KIND.CHILD_SNILS, child.verification) ?? '',
      });
    }
  }
  return links;
}
