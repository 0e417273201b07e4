/**
 * The verdict of an identifier check: the value as the server stores it, or a Russian message
 * that quotes the value and says what is expected.
 */
export type IdentifierCheckResult =
  { valid: true; normalized: string } | { valid: false; message: string };

export function validIdentifier(normalized: string): IdentifierCheckResult {
  return { valid: true, normalized };
}

export function invalidIdentifier(message: string): IdentifierCheckResult {
  return { valid: false, message };
}

/**
 * Checks that a compacted value is exactly `length` digits; returns the problem in Russian, or
 * null when the value has the expected shape.
 */
export function describeDigitsProblem(
  label: string,
  quoted: () => string,
  digits: string,
  expected: string,
  lengths: readonly number[],
): string | null {
  if (digits === '') {
    return `${label} не указан: ожидается ${expected}`;
  }
  if (!/^\d+$/.test(digits)) {
    return `${label} ${quoted()}: допустимы только цифры, ожидается ${expected}`;
  }
  if (!lengths.includes(digits.length)) {
    return `${label} ${quoted()}: ${digitCount(digits.length)}, ожидается ${expected}`;
  }
  return null;
}

/** «5 цифр», «1 цифра», «3 цифры». */
export function digitCount(count: number): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (lastTwo >= 11 && lastTwo <= 14) {
    return `${count} цифр`;
  }
  if (last === 1) {
    return `${count} цифра`;
  }
  if (last >= 2 && last <= 4) {
    return `${count} цифры`;
  }
  return `${count} цифр`;
}
