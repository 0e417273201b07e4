import {
  describeDigitsProblem,
  IdentifierCheckResult,
  invalidIdentifier,
  validIdentifier,
} from './identifier-check.result';
import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

// Pension Fund rule: numbers up to 001-001-998 were issued before the check digits existed.
const LAST_NUMBER_WITHOUT_CHECKSUM = 1_001_998;

/**
 * SNILS: 11 digits with or without separators; the last two are a checksum of the first nine
 * (weights 9..1; a sum below 100 is the checksum, 100 and 101 give 00, larger sums are taken
 * modulo 101 and 100 again gives 00). Normalised as `123-456-789 64`.
 */
export function checkSnils(value: string): IdentifierCheckResult {
  const digits = compactNumberLike(value);
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  const problem = describeDigitsProblem(
    'СНИЛС',
    quoted,
    digits,
    '11 цифр, например 112-233-445 95',
    [11],
  );
  if (problem) {
    return invalidIdentifier(problem);
  }
  const number = Number(digits.slice(0, 9));
  if (number > LAST_NUMBER_WITHOUT_CHECKSUM && snilsChecksum(digits) !== digits.slice(9)) {
    return invalidIdentifier(`СНИЛС ${quoted()}: неверная контрольная сумма`);
  }
  return validIdentifier(
    `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`,
  );
}

function snilsChecksum(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    sum += Number(digits[i]) * (9 - i);
  }
  let check: number;
  if (sum < 100) {
    check = sum;
  } else if (sum <= 101) {
    check = 0;
  } else {
    check = sum % 101 === 100 ? 0 : sum % 101;
  }
  return String(check).padStart(2, '0');
}
