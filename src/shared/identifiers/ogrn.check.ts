import {
  describeDigitsProblem,
  IdentifierCheckResult,
  invalidIdentifier,
  validIdentifier,
} from './identifier-check.result';
import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

/** OGRN: 13 digits; the first 12 as a number mod 11, then mod 10, equal the last digit. */
export function checkOgrn(value: string): IdentifierCheckResult {
  return checkRegistrationNumber(value, 'ОГРН', 13, 11);
}

/** OGRNIP: 15 digits; the first 14 as a number mod 13, then mod 10, equal the last digit. */
export function checkOgrnip(value: string): IdentifierCheckResult {
  return checkRegistrationNumber(value, 'ОГРНИП', 15, 13);
}

function checkRegistrationNumber(
  value: string,
  label: string,
  length: number,
  modulus: number,
): IdentifierCheckResult {
  const digits = compactNumberLike(value);
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  const problem = describeDigitsProblem(label, quoted, digits, `${length} цифр`, [length]);
  if (problem) {
    return invalidIdentifier(problem);
  }
  // At most 14 digits: well inside Number's exact integer range, so the modulo is exact.
  const check = (Number(digits.slice(0, -1)) % modulus) % 10;
  return check.toString() === digits.slice(-1)
    ? validIdentifier(digits)
    : invalidIdentifier(`${label} ${quoted()}: неверная контрольная сумма`);
}
