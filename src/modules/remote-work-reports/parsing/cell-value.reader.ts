import { CellValue } from 'exceljs';
import { cleanText, quoteValue } from '../../../shared/identifiers';

// Excel keeps 15 significant digits of a number: a longer card number typed into a cell
// formatted as a number has already lost its last digits when the file reaches us.
const MAX_EXACT_DIGITS = 15;

// A cell as the checks see it: invisible characters removed, numbers as their digits.
export type CellRead =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | {
      kind: 'number';
      // Decimal digits of a whole number (no exponent, no `.0`); any other number as JS prints it.
      text: string;
      // Set for a whole number ≥ 0.
      digits: string | null;
      // More digits than Excel keeps: the last ones are not what was typed.
      rounded: boolean;
    }
  | { kind: 'problem'; text: string; problem: 'FORMULA_WITHOUT_VALUE' | 'ERROR_VALUE' };

const EMPTY: CellRead = { kind: 'empty' };

// Reads an exceljs cell value: text (rich text concatenated) is cleaned, numbers become exact
// digit strings, formulas give their cached result, and a formula without one or an error value
// (`#N/A`) is a problem for that cell.
export function readCell(value: CellValue): CellRead {
  if (value === null || value === undefined) {
    return EMPTY;
  }
  if (typeof value === 'string') {
    return readText(value);
  }
  if (typeof value === 'number') {
    return readNumber(value);
  }
  if (typeof value === 'boolean') {
    return { kind: 'text', text: value ? 'ИСТИНА' : 'ЛОЖЬ' };
  }
  if (value instanceof Date) {
    return { kind: 'text', text: value.toISOString().slice(0, 10) };
  }
  if ('richText' in value) {
    return readText(value.richText.map((run) => run.text ?? '').join(''));
  }
  if ('error' in value) {
    return { kind: 'problem', text: String(value.error), problem: 'ERROR_VALUE' };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return readFormulaResult(
      value.result,
      'formula' in value ? value.formula : value.sharedFormula,
    );
  }
  if ('text' in value) {
    return readText(typeof value.text === 'string' ? value.text : '');
  }
  return EMPTY;
}

// The cell as it was read, for messages and the result file: null when empty.
export function cellText(cell: CellRead): string | null {
  return cell.kind === 'empty' ? null : cell.text;
}

function readText(text: string): CellRead {
  const cleaned = cleanText(text);
  return cleaned === '' ? EMPTY : { kind: 'text', text: cleaned };
}

function readNumber(value: number): CellRead {
  if (!Number.isFinite(value)) {
    return { kind: 'problem', text: String(value), problem: 'ERROR_VALUE' };
  }
  if (!Number.isInteger(value)) {
    return { kind: 'number', text: String(value), digits: null, rounded: false };
  }
  // BigInt prints every digit of the double (no exponent), exactly what the file held.
  const text = BigInt(value).toString();
  const digits = value >= 0 ? text : null;
  return {
    kind: 'number',
    text,
    digits,
    rounded: digits !== null && digits.length > MAX_EXACT_DIGITS,
  };
}

function readFormulaResult(
  result: CellValue | { error: string } | undefined,
  formula: string | undefined,
): CellRead {
  if (result === undefined || result === null) {
    return {
      kind: 'problem',
      text: formula ? `=${formula}` : '=',
      problem: 'FORMULA_WITHOUT_VALUE',
    };
  }
  // exceljs parses a cached error (`t="e"`) of a formula as a number: NaN.
  if (typeof result === 'number' && Number.isNaN(result)) {
    return { kind: 'problem', text: formula ? `=${formula}` : '=', problem: 'ERROR_VALUE' };
  }
  return readCell(result as CellValue);
}

// The message for a formula without a cached value or an error value in a cell.
export function problemMessage(
  label: string,
  cell: { text: string; problem: 'FORMULA_WITHOUT_VALUE' | 'ERROR_VALUE' },
): string {
  return cell.problem === 'FORMULA_WITHOUT_VALUE'
    ? `${label}: в ячейке формула ${quoteValue(cell.text)} без вычисленного значения; ожидается значение — пересчитайте и сохраните файл или вставьте значения вместо формул`
    : `${label}: в ячейке ошибка ${quoteValue(cell.text)}; ожидается значение`;
}

// A negative or fractional number in a number column: stripping its «-» or «.» like a separator
// would turn it into someone else's number.
export function notDigitsMessage(label: string, text: string): string {
  return `${label} ${quoteValue(text)}: в ячейке отрицательное или дробное число, ожидается номер из цифр`;
}
