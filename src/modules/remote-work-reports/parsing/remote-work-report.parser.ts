import { CellValue, Row, stream as excelStream } from 'exceljs';
import { cleanText } from '../../../shared/identifiers';
import {
  EMPLOYEES_SHEET_NAME,
  EMPLOYER_SHEET_NAME,
  EMPLOYER_VALUE_COLUMN,
  EmployerRow,
  EXAMPLE_SHEET_NAME,
} from '../template/remote-work-report.layout';
import { CellRead, readCell } from './cell-value.reader';
import { EmployeeRowCells, EmployeeRowValidator } from './employee-row.validator';
import { EmployerSheetResult, validateEmployerSheet } from './employer-sheet.validator';
import {
  EmployeeRowSink,
  EmployerDeclaration,
  ParsedEmployeeRow,
  ParseOutcome,
  ParseRemoteWorkReportOptions,
} from './remote-work-report.model';
import { ReportIssue, ReportIssueCode } from './report-issue.model';
import { inspectXlsxPackage, XlsxPackage, XlsxSheet } from './xlsx-package.inspector';
import { repackForStreamingReader, RepackedSheet } from './zip-repack.stream';

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
const FIRST_EMPLOYEE_ROW = 2;
const FIRST_EMPLOYER_ROW: number = EmployerRow.Inn;
const LAST_EMPLOYER_ROW: number = EmployerRow.ContactPhone;
const EMPLOYER_VALUE_COLUMN_INDEX = 4;
const EMPLOYEE_COLUMN_COUNT = 7;
// Names the repacked workbook gives its sheets; the reader reports them back.
const EMPLOYER_PART_NAME = 'employer';
const EMPLOYEES_PART_NAME = 'employees';
const MESSAGE_BROKEN_SHEET =
  'Файл не удалось прочитать как книгу Excel (.xlsx): содержимое листов повреждено; сохраните файл в Excel или LibreOffice как «Книга Excel (.xlsx)» и загрузите снова';

// Parses an uploaded remote-work report (REMOTE-WORK-TEMPLATE.md) with bounded memory: the file
// is inspected first (zip bombs, DTDs, encryption), then streamed once with exceljs' streaming
// reader. Sheet 1 is read and checked before any employee row is handed over, so a report
// rejected for sheet 1, a missing sheet, too many rows or an unreadable file found before sheet 2
// hands over nothing. Employee rows go to `onRows` in batches, in file order, as they are
// checked; a file that turns out to be broken further down sheet 2 ends REJECTED after some
// batches were handed, so the caller writes the batches in one transaction and rolls it back on
// a REJECTED outcome. Errors thrown by `onRows` and file-system errors are rethrown as they are.
export async function parseRemoteWorkReport(
  filePath: string,
  options: ParseRemoteWorkReportOptions,
  onRows: EmployeeRowSink,
): Promise<ParseOutcome> {
  const inspection = await inspectXlsxPackage(filePath, {
    maxUnpackedBytes: options.maxUnpackedBytes,
  });
  if (!inspection.readable) {
    return rejected(ReportIssueCode.FILE_UNREADABLE, [fileIssue(inspection.message)]);
  }
  const pkg = inspection.pkg;
  try {
    return await parsePackage(pkg, options, onRows);
  } finally {
    pkg.close();
  }
}

async function parsePackage(
  pkg: XlsxPackage,
  options: ParseRemoteWorkReportOptions,
  onRows: EmployeeRowSink,
): Promise<ParseOutcome> {
  const selection = selectSheets(pkg.sheets);
  if (!selection.employer || !selection.employees) {
    return rejected(ReportIssueCode.SHEET_MISSING, selection.issues);
  }
  const employerSheet = selection.employer;
  const employeesSheet = selection.employees;

  const sharedStrings = pkg.sharedStringsPart ? pkg.part(pkg.sharedStringsPart) : null;
  const maxSharedStrings = options.maxSharedStringsBytes ?? DEFAULT_MAX_SHARED_STRINGS_BYTES;
  if (sharedStrings && sharedStrings.uncompressedSize > maxSharedStrings) {
    return rejected(ReportIssueCode.FILE_UNREADABLE, [
      fileIssue(
        `В файле слишком много текста (больше ${Math.floor(maxSharedStrings / (1024 * 1024))} МБ в таблице строк): ожидается отчёт о работниках без лишних листов и данных`,
      ),
    ]);
  }

  // The row-tag count is an upper bound of the rows the reader will emit. Only when it allows
  // more rows than the cap (a huge report, or many formatted empty rows at the end) is sheet 2
  // counted first, so TOO_MANY_ROWS is known before a single row is handed over.
  const tooMany = tooManyRowsIssue(employeesSheet.name, options.maxRows);
  if (pkg.rowTagCount(employeesSheet.partPath) - 1 > options.maxRows) {
    const counted = await countEmployeeRows(pkg, employeesSheet, options.maxRows);
    if (!counted.ok) {
      return rejected(ReportIssueCode.FILE_UNREADABLE, [fileIssue(MESSAGE_BROKEN_SHEET)]);
    }
    if (counted.value > options.maxRows) {
      return rejected(ReportIssueCode.TOO_MANY_ROWS, [...selection.issues, tooMany]);
    }
  }

  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const validator = new EmployeeRowValidator(employeesSheet.name);
  const counts = { total: 0, accepted: 0, rejected: 0, tooMany: false };
  let employer: EmployerSheetResult | null = null;

  const read = await readWithRepack(
    pkg,
    [
      { partPath: employerSheet.partPath, name: EMPLOYER_PART_NAME },
      { partPath: employeesSheet.partPath, name: EMPLOYEES_PART_NAME },
    ],
    async (reader) => {
      for await (const worksheet of reader) {
        if (sheetName(worksheet) === EMPLOYER_PART_NAME) {
          const values = await readEmployerValues(worksheet);
          employer = ownCode(() =>
            validateEmployerSheet(employerSheet.name, values, options.organization),
          );
          continue;
        }
        // The repacked file stores sheet 1 first, so its verdict is known here.
        if (!employer || employer.rejected) {
          return;
        }
        let batch: ParsedEmployeeRow[] = [];
        for await (const { rowNumber, cells } of employeeRows(worksheet)) {
          if (++counts.total > options.maxRows) {
            counts.tooMany = true;
            return;
          }
          const row = ownCode(() => validator.validate(rowNumber, cells));
          if (row.accepted) {
            counts.accepted++;
          } else {
            counts.rejected++;
          }
          batch.push(row);
          if (batch.length >= batchSize) {
            await deliver(onRows, batch);
            batch = [];
          }
        }
        if (batch.length > 0) {
          await deliver(onRows, batch);
        }
        return;
      }
    },
  );
  if (!read.ok) {
    return rejected(ReportIssueCode.FILE_UNREADABLE, [fileIssue(MESSAGE_BROKEN_SHEET)]);
  }
  // TypeScript cannot see the assignment inside the callback.
  const employerResult = employer as EmployerSheetResult | null;
  if (!employerResult) {
    return rejected(ReportIssueCode.FILE_UNREADABLE, [fileIssue(MESSAGE_BROKEN_SHEET)]);
  }
  const issues = [...selection.issues, ...employerResult.issues];
  if (employerResult.rejected) {
    const firstError = issues.find((issue) => issue.severity === 'ERROR');
    return rejected(
      firstError?.code ?? ReportIssueCode.FILE_UNREADABLE,
      issues,
      employerResult.declaration,
    );
  }
  if (counts.tooMany) {
    return rejected(
      ReportIssueCode.TOO_MANY_ROWS,
      [...issues, tooMany],
      employerResult.declaration,
    );
  }

  const declaration = employerResult.declaration;
  if (declaration.remoteEmployees !== null && declaration.remoteEmployees !== counts.accepted) {
    issues.push({
      severity: 'WARNING',
      code: ReportIssueCode.COUNT_MISMATCH,
      sheet: employerSheet.name,
      row: EmployerRow.RemoteEmployees,
      column: EMPLOYER_VALUE_COLUMN,
      message: `Численность переведённых на дистанционный режим ${declaration.remoteEmployees}, а принято строк о работниках ${counts.accepted}: ожидается, что числа совпадают`,
    });
  }
  return {
    status: counts.rejected > 0 ? 'PARTIALLY_ACCEPTED' : 'ACCEPTED',
    rejectionCode: null,
    totalEmployees: declaration.totalEmployees,
    remoteEmployees: declaration.remoteEmployees,
    employer: declaration,
    rowsTotal: counts.total,
    rowsAccepted: counts.accepted,
    rowsRejected: counts.rejected,
    issues,
  };
}

type WorksheetReader = excelStream.xlsx.WorksheetReader;
type WorkbookReader = excelStream.xlsx.WorkbookReader;
type ReadResult<T> = { ok: true; value: T } | { ok: false };

// Whatever the reader throws means the file is not valid xlsx. Errors of this code and of the
// caller's sink are not about the file: they are wrapped on the way out and rethrown as they were,
// so a bug or a database outage never turns into a FILE_UNREADABLE verdict.
class NotAboutTheFile extends Error {
  constructor(readonly original: unknown) {
    super('Failure outside the workbook reader');
  }
}

function ownCode<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new NotAboutTheFile(error);
  }
}

async function deliver(onRows: EmployeeRowSink, batch: ParsedEmployeeRow[]): Promise<void> {
  try {
    await onRows(batch);
  } catch (error) {
    throw new NotAboutTheFile(error);
  }
}

// Runs `read` over a streaming reader fed with the repacked parts. Anything the reader throws
// means the sheets are not valid xlsx (`ok: false`); I/O errors while copying and errors wrapped
// in NotAboutTheFile are rethrown. The source is destroyed at the end, so `read` may stop early.
async function readWithRepack<T>(
  pkg: XlsxPackage,
  sheets: RepackedSheet[],
  read: (reader: WorkbookReader) => Promise<T>,
): Promise<ReadResult<T>> {
  let copyError: Error | null = null;
  const source = repackForStreamingReader(pkg, sheets, (error) => {
    copyError = error instanceof Error ? error : new Error(String(error));
  });
  const reader = new excelStream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles only turn date-formatted numbers into dates; every column here is text or digits.
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    return { ok: true, value: await read(reader) };
  } catch (error) {
    if (error instanceof NotAboutTheFile) {
      throw error.original;
    }
    // Assigned by the copy callback, which TypeScript does not follow.
    const failedCopy = copyError as Error | null;
    if (failedCopy) {
      throw failedCopy;
    }
    return { ok: false };
  } finally {
    source.destroy();
  }
}

// Employee rows up to the first empty row, counting no further than one past the cap.
function countEmployeeRows(
  pkg: XlsxPackage,
  sheet: XlsxSheet,
  maxRows: number,
): Promise<ReadResult<number>> {
  return readWithRepack(
    pkg,
    [{ partPath: sheet.partPath, name: EMPLOYEES_PART_NAME }],
    async (reader) => {
      let count = 0;
      for await (const worksheet of reader) {
        for await (const _row of employeeRows(worksheet)) {
          if (++count > maxRows) {
            break;
          }
        }
        break;
      }
      return count;
    },
  );
}

async function readEmployerValues(worksheet: WorksheetReader): Promise<Map<number, CellRead>> {
  const values = new Map<number, CellRead>();
  // Read to the end, not just to row 8: leaving a sheet half-read makes exceljs buffer the rest.
  for await (const row of worksheet) {
    if (row.number >= FIRST_EMPLOYER_ROW && row.number <= LAST_EMPLOYER_ROW) {
      const value = row.getCell(EMPLOYER_VALUE_COLUMN_INDEX).value;
      values.set(
        row.number,
        ownCode(() => readCell(value)),
      );
    }
  }
  return values;
}

// Employee rows from row 2 to the first row that is missing from the file or has nothing in B–G.
async function* employeeRows(
  worksheet: WorksheetReader,
): AsyncGenerator<{ rowNumber: number; cells: EmployeeRowCells }> {
  let expected = FIRST_EMPLOYEE_ROW;
  for await (const row of worksheet) {
    if (row.number < FIRST_EMPLOYEE_ROW) {
      continue;
    }
    if (row.number !== expected) {
      return;
    }
    const cells = ownCode(() => readEmployeeCells(row));
    if (EmployeeRowValidator.isEmpty(cells)) {
      return;
    }
    yield { rowNumber: row.number, cells };
    expected++;
  }
}

function readEmployeeCells(row: Row): EmployeeRowCells {
  // `values` is a sparse array indexed by column number (1 = A).
  const values = row.values as CellValue[];
  const cells: CellRead[] = [];
  for (let column = 1; column <= EMPLOYEE_COLUMN_COUNT; column++) {
    cells.push(readCell(values[column]));
  }
  return cells as unknown as EmployeeRowCells;
}

function sheetName(worksheet: WorksheetReader): string {
  // exceljs sets `name` from the workbook index but does not declare it.
  return (worksheet as unknown as { name: string }).name;
}

interface SheetSelection {
  employer: XlsxSheet | null;
  employees: XlsxSheet | null;
  issues: ReportIssue[];
}

function selectSheets(sheets: readonly XlsxSheet[]): SheetSelection {
  const issues: ReportIssue[] = [];
  const byName = (expected: string): number =>
    sheets.findIndex((sheet) => comparableSheetName(sheet.name) === comparableSheetName(expected));
  const employerIndex = byName(EMPLOYER_SHEET_NAME);
  const employeesIndex = byName(EMPLOYEES_SHEET_NAME);

  const pick = (
    expected: string,
    foundIndex: number,
    position: number,
    otherIndex: number,
  ): XlsxSheet | null => {
    const ordinal = position === 0 ? 'первый' : 'второй';
    if (foundIndex !== -1 && sheets[foundIndex].isWorksheet) {
      return sheets[foundIndex];
    }
    // A sheet named like another template sheet (the «Пример» sheet moved up when sheet 2 was
    // deleted) is that sheet, never a stand-in for the missing one.
    const candidate =
      foundIndex === -1 &&
      position !== otherIndex &&
      !TEMPLATE_SHEET_NAMES.has(comparableSheetName(sheets[position]?.name ?? ''))
        ? sheets[position]
        : undefined;
    if (!candidate?.isWorksheet) {
      issues.push({
        severity: 'ERROR',
        code: ReportIssueCode.SHEET_MISSING,
        sheet: expected,
        row: null,
        column: null,
        message: `В файле нет листа «${expected}»: ожидается лист с этим именем (${ordinal} лист книги, как в шаблоне)`,
      });
      return null;
    }
    issues.push({
      severity: 'WARNING',
      code: ReportIssueCode.SHEET_BY_POSITION,
      sheet: candidate.name,
      row: null,
      column: null,
      message: `Лист «${expected}» не найден по имени, вместо него прочитан ${ordinal} лист книги «${candidate.name}»; ожидается имя «${expected}», как в шаблоне`,
    });
    return candidate;
  };

  const employer = pick(EMPLOYER_SHEET_NAME, employerIndex, 0, employeesIndex);
  const employees = pick(EMPLOYEES_SHEET_NAME, employeesIndex, 1, employerIndex);
  return { employer, employees, issues };
}

// People retype tab names: case, doubled spaces and Ё do not make it another sheet.
function comparableSheetName(name: string): string {
  return cleanText(name).toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

// Every sheet name of the template, as compared.
const TEMPLATE_SHEET_NAMES: ReadonlySet<string> = new Set(
  [EMPLOYER_SHEET_NAME, EMPLOYEES_SHEET_NAME, EXAMPLE_SHEET_NAME].map(comparableSheetName),
);

function tooManyRowsIssue(sheet: string, maxRows: number): ReportIssue {
  return {
    severity: 'ERROR',
    code: ReportIssueCode.TOO_MANY_ROWS,
    sheet,
    row: null,
    column: null,
    message: `На листе «${sheet}» больше ${maxRows} строк о работниках: ожидается не больше ${maxRows}`,
  };
}

function fileIssue(message: string): ReportIssue {
  return {
    severity: 'ERROR',
    code: ReportIssueCode.FILE_UNREADABLE,
    sheet: null,
    row: null,
    column: null,
    message,
  };
}

function rejected(
  code: ReportIssueCode,
  issues: ReportIssue[],
  employer: EmployerDeclaration | null = null,
): ParseOutcome {
  return {
    status: 'REJECTED',
    rejectionCode: code,
    totalEmployees: employer?.totalEmployees ?? null,
    remoteEmployees: employer?.remoteEmployees ?? null,
    employer,
    rowsTotal: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    issues,
  };
}
