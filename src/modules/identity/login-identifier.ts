import { isEmail } from 'class-validator';
import {
  checkInn,
  checkMobilePhone,
  checkSnils,
  cleanText,
  compactNumberLike,
} from '../../shared/identifiers';

/** What a `login` argument names, normalised. */
export type LoginIdentifier =
  | { kind: 'phone'; phone: string }
  | { kind: 'email'; email: string }
  | { kind: 'snils'; snils: string }
  | { kind: 'employee'; inn: string; personnelNumber: string }
  | { kind: 'school'; schoolLogin: string };

// `123-456-789 64` and its variants: written like a SNILS, so not read as a phone number.
const SNILS_SHAPE = /^\d{3}[- ]\d{3}[- ]\d{3}[- ]+\d{2}$/;
const EMPLOYEE = /^([\d\s-]+)\/(.+)$/;
const PERSONNEL_NUMBER_MAX = 50;
// A child's school login (profile's ChildInput): starts with a Latin letter, so never a phone.
const SCHOOL_LOGIN = /^[a-z][a-z0-9._-]{2,63}$/i;

/**
 * Reads a login: an employee login `<organization INN>/<personnel number>`, an e-mail, a SNILS
 * written with its separators, a Russian mobile phone in any usual spelling, or else a SNILS as
 * bare digits. Returns null when it is none of these.
 */
export function parseLogin(raw: string): LoginIdentifier | null {
  const text = cleanText(raw);
  const employee = EMPLOYEE.exec(text);
  if (employee) {
    const inn = checkInn(employee[1]);
    const personnelNumber = cleanText(employee[2]);
    return inn.valid && personnelNumber !== '' && personnelNumber.length <= PERSONNEL_NUMBER_MAX
      ? { kind: 'employee', inn: inn.normalized, personnelNumber }
      : null;
  }
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return isEmail(email) ? { kind: 'email', email } : null;
  }
  const snils = checkSnils(text);
  if (SNILS_SHAPE.test(text)) {
    return snils.valid ? { kind: 'snils', snils: snils.normalized } : null;
  }
  const phone = checkMobilePhone(text);
  if (phone.valid) {
    return { kind: 'phone', phone: phone.normalized };
  }
  if (snils.valid && /^\d{11}$/.test(compactNumberLike(text))) {
    return { kind: 'snils', snils: snils.normalized };
  }
  if (SCHOOL_LOGIN.test(text)) {
    return { kind: 'school', schoolLogin: text.toLowerCase() };
  }
  return null;
}

/** A stable text for a login, e.g. the subject of its attempt counters. */
export function loginKey(login: LoginIdentifier): string {
  switch (login.kind) {
    case 'phone':
      return `phone:${login.phone}`;
    case 'email':
      return `email:${login.email}`;
    case 'snils':
      return `snils:${login.snils}`;
    case 'employee':
      return `employee:${login.inn}/${login.personnelNumber.toLowerCase()}`;
    case 'school':
      return `school:${login.schoolLogin}`;
  }
}
