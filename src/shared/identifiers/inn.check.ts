import {
  describeDigitsProblem,
  IdentifierCheckResult,
  invalidIdentifier,
  validIdentifier,
} from './identifier-check.result';
import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

const LEGAL_ENTITY_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const PERSON_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const PERSON_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/**
 * INN: 10 digits (organization, one check digit) or 12 digits (sole proprietor or person, two
 * check digits), each check digit = weighted sum mod 11 mod 10 (Federal Tax Service order).
 */
export function checkInn(value: string): IdentifierCheckResult {
  const digits = compactNumberLike(value);
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  const problem = describeDigitsProblem(
    'ИНН',
    quoted,
    digits,
    '10 цифр (организация) или 12 цифр (индивидуальный предприниматель, физическое лицо)',
    [10, 12],
  );
  if (problem) {
    return invalidIdentifier(problem);
  }
  const valid =
    digits.length === 10
      ? checkDigit(digits, LEGAL_ENTITY_WEIGHTS) === digits[9]
      : checkDigit(digits, PERSON_WEIGHTS_11) === digits[10] &&
        checkDigit(digits, PERSON_WEIGHTS_12) === digits[11];
  return valid
    ? validIdentifier(digits)
    : invalidIdentifier(`ИНН ${quoted()}: неверная контрольная сумма`);
}

function checkDigit(digits: string, weights: readonly number[]): string {
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += weight * Number(digits[i]);
  });
  return String((sum % 11) % 10);
}
