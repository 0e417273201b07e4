import { SubjectKind } from '../graphql/subject-kind.enum';

/** The identifiers and personal fields of one person (or one child) that events and widgets use. */
export interface ProfileFacts {
  userId: string;
  /** Set when the facts are a child's (a student session). */
  childId: string | null;
  phone: string | null;
  email: string | null;
  birthDate: string | null;
  address: string | null;
  driverLicense: string | null;
  payerCode: string | null;
  electricityAccount: string | null;
  omsPolicy: string | null;
  /** The verified SNILS in force. */
  snils: string | null;
  vehicles: string[];
  children: { id: string; snils: string | null }[];
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

/** Every (kind, value) identifier the facts hold, to look events up by. */
export function subjectsOf(facts: ProfileFacts): { kind: SubjectKind; value: string }[] {
  const subjects: { kind: SubjectKind; value: string }[] = [];
  const add = (kind: SubjectKind, value: string | null) => {
    if (value) {
      subjects.push({ kind, value });
    }
  };
  add(SubjectKind.PHONE, facts.phone);
  add(SubjectKind.SNILS, facts.snils);
  add(SubjectKind.ADDRESS, facts.address);
  add(SubjectKind.DRIVER_LICENSE, facts.driverLicense);
  add(SubjectKind.PAYER_CODE, facts.payerCode);
  add(SubjectKind.ELECTRICITY_ACCOUNT, facts.electricityAccount);
  add(SubjectKind.OMS_POLICY, facts.omsPolicy);
  facts.vehicles.forEach((plate) => add(SubjectKind.VEHICLE_PLATE, plate));
  facts.children.forEach((child) => add(SubjectKind.CHILD_SNILS, child.snils));
  return subjects;
}
