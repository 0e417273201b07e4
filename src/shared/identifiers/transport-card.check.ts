import {
  describeDigitsProblem,
  IdentifierCheckResult,
  invalidIdentifier,
  validIdentifier,
} from './identifier-check.result';
import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

// The Troika number is a 32-bit unsigned card id written in decimal; it has no check digit.
const TROIKA_MAX = 4_294_967_295;

/** «Тройка» card number: 10 digits, at most 4294967295. */
export function checkTroika(value: string): IdentifierCheckResult {
  const digits = compactNumberLike(value);
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  const label = 'Номер карты «Тройка»';
  const problem = describeDigitsProblem(label, quoted, digits, '10 цифр', [10]);
  if (problem) {
    return invalidIdentifier(problem);
  }
  if (Number(digits) > TROIKA_MAX) {
    return invalidIdentifier(`${label} ${quoted()}: номер не может быть больше ${TROIKA_MAX}`);
  }
  return validIdentifier(digits);
}

/** «Стрелка» card number: 11 digits, no check digit. */
export function checkStrelka(value: string): IdentifierCheckResult {
  const digits = compactNumberLike(value);
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  const problem = describeDigitsProblem('Номер карты «Стрелка»', quoted, digits, '11 цифр', [11]);
  return problem ? invalidIdentifier(problem) : validIdentifier(digits);
}
