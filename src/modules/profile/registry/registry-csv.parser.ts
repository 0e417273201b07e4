import { isIsoDate } from '../../../shared/graphql/date.scalar';
import { checkSnils, cleanText } from '../../../shared/identifiers';

/** One person of a registry CSV, normalised. */
export interface RegistryCsvPerson {
  snils: string | null;
  passportSeries: string | null;
  passportNumber: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
}

export const REGISTRY_CSV_HEADER = [
  'snils',
  'passport_series',
  'passport_number',
  'last_name',
  'first_name',
  'middle_name',
  'birth_date',
] as const;

/** A refused CSV, with the line number (1-based, header included). */
export class RegistryCsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'RegistryCsvError';
  }
}

/** Splits one CSV line (RFC 4180 quoting, `,` or `;` as separator). */
export function splitCsvLine(line: string, separator = ','): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

/**
 * Parses a registry CSV (header `snils,passport_series,passport_number,last_name,first_name,
 * middle_name,birth_date`, UTF-8, BOM allowed). Every row needs names, a birth date and a
 * SNILS or a passport; the first bad row refuses the whole file (nothing half-imported).
 */
export function parseRegistryCsv(text: string): RegistryCsvPerson[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const separator = (lines[0] ?? '').includes(';') ? ';' : ',';
  const header = splitCsvLine(lines[0] ?? '', separator).map((h) => h.trim().toLowerCase());
  if (REGISTRY_CSV_HEADER.some((name, i) => header[i] !== name)) {
    throw new RegistryCsvError(1, `header must be ${REGISTRY_CSV_HEADER.join(',')}`);
  }
  const people: RegistryCsvPerson[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    people.push(parseRow(splitCsvLine(line, separator), index + 2));
  });
  return people;
}

function parseRow(cells: string[], line: number): RegistryCsvPerson {
  const [snilsRaw, seriesRaw, numberRaw, last, first, middle, birth] = cells.map((c) =>
    cleanText(c ?? ''),
  );
  let snils: string | null = null;
  if (snilsRaw) {
    const check = checkSnils(snilsRaw);
    if (!check.valid) {
      throw new RegistryCsvError(line, check.message);
    }
    snils = check.normalized;
  }
  const series = (seriesRaw ?? '').replace(/\s/g, '') || null;
  const number = (numberRaw ?? '').replace(/\s/g, '') || null;
  if ((series === null) !== (number === null)) {
    throw new RegistryCsvError(line, 'passport needs both series and number');
  }
  if (series !== null && (!/^\d{4}$/.test(series) || !/^\d{6}$/.test(number ?? ''))) {
    throw new RegistryCsvError(line, 'passport series is 4 digits, number 6 digits');
  }
  if (!snils && !series) {
    throw new RegistryCsvError(line, 'a SNILS or a passport is required');
  }
  if (!last || !first) {
    throw new RegistryCsvError(line, 'last_name and first_name are required');
  }
  if (!birth || !isIsoDate(birth)) {
    throw new RegistryCsvError(line, 'birth_date must be YYYY-MM-DD');
  }
  return {
    snils,
    passportSeries: series,
    passportNumber: number,
    lastName: last,
    firstName: first,
    middleName: middle || null,
    birthDate: birth,
  };
}
