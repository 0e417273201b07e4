// Employers paste values from Word, web pages and 1C: those carry non-breaking and thin spaces,
// zero-width characters, soft hyphens and typographic dashes that look like nothing (or like «-»)
// on screen but break naive checks. Everything typed by a person passes through here first.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Non-breaking, figure, thin and other fixed-width spaces, tabs and line breaks separate words just
// like a space does, so they become a space (a name keeps its word boundaries) and are then trimmed.
const SPACE_LIKE = /[\t\n\v\f\r\u00A0\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const NUMBER_SEPARATORS = /[\s\-()[\]{}]/g;
// Any character one of the replacements above would touch: most cells have none, and one test
// is cheaper than three replacements on a 100 000-row report.
const NEEDS_CLEANING =
  /[\t\n\v\f\r\u00A0\u00AD\u2000-\u200D\u2010-\u2015\u2028\u2029\u202F\u205F\u2060\u2212\u3000\uFE58\uFE63\uFEFF\uFF0D]/;
const MESSAGE_VALUE_LIMIT = 40;

/**
 * Removes invisible characters (zero-width, soft hyphen, BOM), turns non-breaking and other
 * special spaces, tabs and line breaks into plain spaces, maps typographic dashes to «-» and trims.
 */
export function cleanText(value: string): string {
  if (!NEEDS_CLEANING.test(value)) {
    return value.trim();
  }
  return value.replace(INVISIBLE, '').replace(SPACE_LIKE, ' ').replace(DASHES, '-').trim();
}

/**
 * {@link cleanText}, then removes the spaces, dashes and brackets people put inside numbers
 * (`8 (916) 123-45-67`, `7701 234-560`).
 */
export function compactNumberLike(value: string): string {
  return cleanText(value).replace(NUMBER_SEPARATORS, '');
}

/**
 * A value as quoted in a user-facing message: bare when it is a plain word or number (as in
 * «ИНН 7707083894: неверная контрольная сумма»), in «» otherwise; long values are shortened.
 */
export function quoteValue(value: string): string {
  const shown =
    value.length > MESSAGE_VALUE_LIMIT ? `${value.slice(0, MESSAGE_VALUE_LIMIT)}…` : value;
  return /^[+]?[\p{L}\p{N}]+$/u.test(shown) ? shown : `«${shown}»`;
}
