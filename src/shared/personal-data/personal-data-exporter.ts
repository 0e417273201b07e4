import type { EntityManager } from 'typeorm';

/** One value of an exported record: dates are ISO strings, never objects. */
export type PersonalDataValue = string | number | boolean | null | string[];

/** One exported record (a row of a table the person's data lives in), secrets left out. */
export type PersonalDataRecord = Record<string, PersonalDataValue>;

/** One kind of a person's data: a JSON file of the export and a sheet of its workbook. */
export interface PersonalDataSection {
  /** File name stem in the archive, kebab-case and unique across modules: `vehicles`. */
  key: string;
  /** Sheet name, Russian, at most 31 characters (a workbook's limit). */
  title: string;
  records: PersonalDataRecord[];
}

/**
 * The port through which a module hands over everything it holds about a person for the
 * «what do you hold about me» export (152-FZ art. 14). Each module implements it over its own
 * tables (its `export/` folder) and exports the class through its `index.ts`.
 */
export interface PersonalDataExporter {
  exportFor(em: EntityManager, userId: string): Promise<PersonalDataSection[]>;
}

/** A date or datetime column as an exported value. */
export function exportedTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return value instanceof Date ? value.toISOString() : value;
}
