import { MetadataJson, PhoneNumber } from 'libphonenumber-js/core';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json';
import {
  IdentifierCheckResult,
  invalidIdentifier,
  validIdentifier,
} from './identifier-check.result';
import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

const EXPECTED_MOBILE = 'ожидается российский мобильный номер вида +7 9XX XXX-XX-XX';
const EXPECTED_ANY = 'ожидается российский номер вида +7 XXX XXX-XX-XX';

/**
 * A Russian mobile number in any usual spelling (`8 (916) 123-45-67`, `+7 916 123 45 67`,
 * `9161234567`, `79161234567`), normalised to E.164 (`+79161234567`). Landlines (`+7 495 …`) and
 * Kazakhstan numbers (`+7 7XX …`, same country code) are refused: the type comes from
 * libphonenumber's full metadata.
 */
export function checkMobilePhone(value: string): IdentifierCheckResult {
  return checkPhone(value, true);
}

/** Any Russian number (mobile or landline) in any usual spelling, normalised to E.164. */
export function checkRussianPhone(value: string): IdentifierCheckResult {
  return checkPhone(value, false);
}

function checkPhone(value: string, mobileOnly: boolean): IdentifierCheckResult {
  const expected = mobileOnly ? EXPECTED_MOBILE : EXPECTED_ANY;
  const compact = compactNumberLike(value);
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  if (compact === '') {
    return invalidIdentifier(`Телефон не указан: ${expected}`);
  }
  const parsed = nationalDigits(compact);
  if (parsed === null) {
    return invalidIdentifier(
      /^\+?\d+$/.test(compact)
        ? `Телефон ${quoted()}: ${expected} (10 цифр после +7)`
        : `Телефон ${quoted()}: допустимы только цифры, пробелы, скобки, дефисы и «+»; ${expected}`,
    );
  }
  if (parsed.foreign) {
    return invalidIdentifier(`Телефон ${quoted()}: номер другой страны; ${expected}`);
  }
  const e164 = `+7${parsed.national}`;
  // Fast path for the common case, with the same full metadata: a number of the +7 plan's main
  // country (Russia) that its mobile patterns accept. Parsing from text costs three times more
  // and matters on a 100 000-row report; anything else takes the full parse for its message.
  if (new PhoneNumber(e164, maxMetadata as MetadataJson).getType() === 'MOBILE') {
    return validIdentifier(e164);
  }
  const phone = parsePhoneNumberFromString(e164);
  if (!phone?.isValid()) {
    return invalidIdentifier(
      `Телефон ${quoted()}: такого номера нет в российском плане нумерации; ${expected}`,
    );
  }
  if (phone.country !== 'RU') {
    return invalidIdentifier(`Телефон ${quoted()}: номер Казахстана; ${expected}`);
  }
  if (mobileOnly && phone.getType() !== 'MOBILE') {
    return invalidIdentifier(`Телефон ${quoted()}: это не мобильный номер; ${expected}`);
  }
  return validIdentifier(phone.number);
}

type NationalDigits = { foreign: true } | { foreign: false; national: string };

// The national 10 digits of a +7 number written the usual Russian ways: +7 / 7 / 8 trunk
// prefix or none; null for a wrong length or stray characters.
function nationalDigits(compact: string): NationalDigits | null {
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    if (!/^\d+$/.test(digits)) {
      return null;
    }
    if (!digits.startsWith('7')) {
      return { foreign: true };
    }
    return digits.length === 11 ? { foreign: false, national: digits.slice(1) } : null;
  }
  if (!/^\d+$/.test(compact)) {
    return null;
  }
  if (compact.length === 10) {
    return { foreign: false, national: compact };
  }
  if (compact.length === 11 && (compact.startsWith('8') || compact.startsWith('7'))) {
    return { foreign: false, national: compact.slice(1) };
  }
  return null;
}
