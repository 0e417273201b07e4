import { checkMobilePhone, checkSnils, cleanText } from '../../../shared/identifiers';

/** What federated sign-in takes from the provider's ID token and userinfo claims. */
export interface FederatedClaims {
  subject: string;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  /** `YYYY-MM-DD`. */
  birthDate: string | null;
  /** E.164, a Russian mobile number only. */
  phone: string | null;
  /** The provider confirmed the phone (`phone_number_verified`): only then may it link accounts. */
  phoneVerified: boolean;
  /** `123-456-789 64`; null when absent or failing the checksum. */
  snils: string | null;
  /** A confirmed account at the provider (`trusted`): SNILS verified, access level FULL. */
  trusted: boolean;
}

const NAME_MAX = 100;
const SUBJECT_MAX = 255;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads the claims API.md names (`sub`, `family_name`, `given_name`, `middle_name`, `birthdate`,
 * `phone_number`, `snils`, `trusted`). Values of the wrong type or shape count as absent: a
 * provider is trusted for what it asserts, not for its formatting. Returns null without a usable
 * `sub` (the provider's answer is then unusable).
 */
export function readFederatedClaims(raw: Record<string, unknown>): FederatedClaims | null {
  const subject = typeof raw.sub === 'string' ? raw.sub.trim() : '';
  if (subject === '' || subject.length > SUBJECT_MAX) {
    return null;
  }
  const phone = text(raw.phone_number, 32);
  const checkedPhone = phone ? checkMobilePhone(phone) : null;
  const snils = text(raw.snils, 32);
  const checkedSnils = snils ? checkSnils(snils) : null;
  return {
    subject,
    lastName: text(raw.family_name, NAME_MAX),
    firstName: text(raw.given_name, NAME_MAX),
    middleName: text(raw.middle_name, NAME_MAX),
    birthDate: isoDate(raw.birthdate),
    phone: checkedPhone?.valid ? checkedPhone.normalized : null,
    phoneVerified: raw.phone_number_verified === true,
    snils: checkedSnils?.valid ? checkedSnils.normalized : null,
    trusted: raw.trusted === true,
  };
}

/** Fields of `User` a new account needs but the claims lack. */
export function missingForNewAccount(claims: FederatedClaims): string[] {
  const missing: string[] = [];
  if (!claims.lastName) {
    missing.push('lastName');
  }
  if (!claims.firstName) {
    missing.push('firstName');
  }
  if (!claims.phone) {
    missing.push('phone');
  }
  return missing;
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const cleaned = cleanText(value);
  return cleaned === '' || cleaned.length > max ? null : cleaned;
}

function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const match = ISO_DATE.exec(value.trim());
  if (!match) {
    return null;
  }
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const real =
    date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real && date.getTime() <= Date.now() && y >= 1900 ? value.trim() : null;
}
