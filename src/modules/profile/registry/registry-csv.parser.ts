import { parse } from 'csv-parse/sync';
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

/** A person of a registry CSV with the line its record starts on (1-based, header included). */
export interface RegistryCsvLine extends RegistryCsvPerson {
  line: number;
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

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

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

/**
 * Parses a registry CSV (header `snils,passport_series,passport_number,last_name,first_name,
 * middle_name,birth_date`, UTF-8, BOM allowed, `,` or `;` as separator, RFC 4180 quoting with
 * separators, doubled quotes and line breaks inside quotes). Every row needs names, a birth date
 * and a SNILS or a passport; the first bad row refuses the whole file (nothing half-imported).
 */
export function parseRegistryCsv(text: string): RegistryCsvLine[] {
  return csvLines(text, REGISTRY_CSV_HEADER).map(({ line, cells }) => ({
    line,
    ...parseRow(cells, line),
  }));
}

/** The first line of a CSV (BOM dropped), lower-cased, to tell a person file from a link one. */
export function csvHeaderOf(text: string): string {
  const [firstLine = ''] = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/, 1);
  return firstLine.trim().toLowerCase();
}

/**
 * The non-empty records of a registry CSV after its header (which must be `header`), each with
 * the line it starts on (1-based, header included). UTF-8, BOM allowed, `,` or `;` as separator,
 * RFC 4180 quoting.
 */
export function csvLines(
  text: string,
  expectedHeader: readonly string[],
): { line: number; cells: string[] }[] {
  // One kind of line break, so csv-parse counts lines the way an editor shows them.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const [firstLine = ''] = normalised.split('\n', 1);
  const separator = firstLine.includes(';') ? ';' : ',';
  let records: CsvRecord[];
  try {
    // With `info: true` every record comes as `{ record, info }` (the typings do not say so).
    records = parse(normalised, {
      delimiter: separator,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new RegistryCsvError(line, (error as Error).message);
  }
  const [head, ...rows] = records;
  const header = (head?.record ?? []).map((h) => h.trim().toLowerCase());
  if (expectedHeader.some((name, i) => header[i] !== name)) {
    throw new RegistryCsvError(1, `header must be ${expectedHeader.join(',')}`);
  }
  const lines: { line: number; cells: string[] }[] = [];
  for (const { record, info } of rows) {
    if (record.every((cell) => cell.trim() === '')) {
      continue;
    }
    // csv-parse reports the line a record ends on; quoted line breaks move its start back.
    const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    lines.push({ line: info.lines - breaks, cells: record });
  }
  return lines;
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
