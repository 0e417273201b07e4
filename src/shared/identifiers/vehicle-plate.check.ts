import {
  IdentifierCheckResult,
  invalidIdentifier,
  validIdentifier,
} from './identifier-check.result';
import { cleanText, compactNumberLike, quoteValue } from './text.normalizer';

// GOST R 50577: only the 12 Cyrillic letters that have Latin twins are used on plates, so a
// plate typed on a Latin keyboard is the same plate.
const PLATE_LETTERS = 'АВЕКМНОРСТУХ';
const LATIN_TWINS: Readonly<Record<string, string>> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  Y: 'У',
  X: 'Х',
};
const LATIN_LETTERS = /[ABEKMHOPCTYX]/g;
const PLATE = /^([АВЕКМНОРСТУХ])(\d{3})([АВЕКМНОРСТУХ]{2})(\d{2,3})$/;
const EXPECTED = `ожидается формат А000АА00 или А000АА000 с буквами ${PLATE_LETTERS}`;

/**
 * A Russian vehicle registration plate `X000XX00` or `X000XX000`: spaces ignored, lowercase and
 * Latin look-alike letters accepted, stored as Cyrillic uppercase without spaces. Number 000 is
 * never issued.
 */
export function checkVehiclePlate(value: string): IdentifierCheckResult {
  // Built only for a message: most values are valid.
  const quoted = (): string => quoteValue(cleanText(value));
  const plate = compactNumberLike(value)
    .toUpperCase()
    .replace(LATIN_LETTERS, (char) => LATIN_TWINS[char]);
  if (plate === '') {
    return invalidIdentifier(`Госномер не указан: ${EXPECTED}`);
  }
  const match = PLATE.exec(plate);
  if (!match) {
    const foreign = [...new Set(plate.replace(/[\dАВЕКМНОРСТУХ]/g, ''))];
    const letters = foreign.map((char) => `«${char}»`).join(', ');
    const why =
      foreign.length === 0
        ? ''
        : foreign.length === 1
          ? ` (символ ${letters} в номерах не используется)`
          : ` (символы ${letters} в номерах не используются)`;
    return invalidIdentifier(`Госномер ${quoted()}: ${EXPECTED}${why}`);
  }
  if (match[2] === '000') {
    return invalidIdentifier(`Госномер ${quoted()}: номер 000 не выдаётся`);
  }
  return validIdentifier(plate);
}
