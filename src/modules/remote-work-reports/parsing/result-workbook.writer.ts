import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { CellValue, Row, stream as excelStream, Style, Worksheet } from 'exceljs';
import {
  EMPLOYEE_COLUMNS,
  EMPLOYEE_HEADERS,
  EMPLOYEES_SHEET_NAME,
} from '../template/remote-work-report.layout';
import { ParsedEmployeeRow, RemoteWorkReportStatus } from './remote-work-report.model';
import { ReportIssue } from './report-issue.model';

export const SUMMARY_SHEET_NAME = 'Итог';

// A text cell starting with one of these is run as a formula by a spreadsheet program once the
// user edits it or the sheet goes through CSV (CWE-1236, ASVS 5.0 1.2.10): a control character
// (tab, CR, LF, NUL…) as the first character, or = + - @ after any leading run of whitespace,
// control or invisible format characters (spreadsheet programs and CSV importers skip or trim
// those, so « =1+1» and «\0=1+1» are formulas too).
const FORMULA_TRIGGER = /^(?:[\p{Cc}]|[\p{White_Space}\p{Cc}\p{Cf}]*[=+\-@])/u;
// exceljs does not write the `quotePrefix` style attribute (Excel's leading apostrophe). Cells
// that need it get the built-in Text format (id 49), used for nothing else in this workbook, and
// the writer adds quotePrefix="1" to that cell format when it writes styles.xml.
const TEXT_FORMAT = '@';
const TEXT_FORMAT_XF = /<xf numFmtId="49"/g;

const ERRORS_COLUMN = 9;

const STATUS_TEXT: Readonly<Record<RemoteWorkReportStatus, string>> = {
  ACCEPTED: 'Принят',
  PARTIALLY_ACCEPTED: 'Принят частично',
  REJECTED: 'Отклонён',
};

export interface ResultWorkbookSummary {
  status: RemoteWorkReportStatus;
  // As it should read, e.g. «10.02.2025–16.02.2025».
  reportingWeek: string;
  totalEmployees: number | null;
  remoteEmployees: number | null;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  // File-level and employer-sheet issues.
  issues: readonly ReportIssue[];
}

// What the result file needs of a stored employee row.
export type ResultWorkbookRow = Pick<
  ParsedEmployeeRow,
  | 'rowNumber'
  | 'accepted'
  | 'phone'
  | 'vehiclePlate'
  | 'troika'
  | 'strelka'
  | 'socialCard'
  | 'travelPass'
  | 'raw'
> & { issues: readonly Pick<ReportIssue, 'severity' | 'column' | 'message'>[] };

class QuotePrefixingWorkbookWriter extends excelStream.xlsx.WorkbookWriter {
  override addStyles(): Promise<void> {
    const internals = this as unknown as {
      styles: { xml: string };
      zip: { append(content: string, options: { name: string }): void };
    };
    const xml = internals.styles.xml.replace(TEXT_FORMAT_XF, '<xf quotePrefix="1" numFmtId="49"');
    internals.zip.append(xml, { name: 'xl/styles.xml' });
    return Promise.resolve();
  }
}

// Writes the result workbook with exceljs' streaming writer: sheet «Итог» (status, reporting
// week, counts, file and employer-sheet issues) and sheet «Сведения о работниках» (accepted rows
// with normalised values, rejected rows as read, plus «Статус» and «Ошибки»). Rows are consumed
// one by one from `rows`, so memory stays bounded. No cell is a formula; text that a spreadsheet
// could take for one gets a literal leading apostrophe and the quote-prefix style. On failure the partial file is left for the
// caller to delete.
export async function writeResultWorkbook(
  filePath: string,
  summary: ResultWorkbookSummary,
  rows: AsyncIterable<ResultWorkbookRow>,
): Promise<void> {
  const output = createWriteStream(filePath);
  const workbook = new QuotePrefixingWorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kabinet';
  try {
    writeSummary(workbook.addWorksheet(SUMMARY_SHEET_NAME), summary);
    await writeRows(
      workbook.addWorksheet(EMPLOYEES_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] }),
      rows,
    );
    await workbook.commit();
  } catch (error) {
    output.destroy();
    await finished(output).catch(() => undefined);
    throw error;
  }
}

function writeSummary(sheet: Worksheet, summary: ResultWorkbookSummary): void {
  sheet.columns = [{ width: 44 }, { width: 28 }, { width: 12 }, { width: 22 }, { width: 100 }];
  addSafeRow(sheet, ['Итог обработки отчёта о работниках на дистанционном режиме'], true);
  addSafeRow(sheet, []);
  const facts: [string, CellValue][] = [
    ['Статус', STATUS_TEXT[summary.status]],
    ['Отчётная неделя', summary.reportingWeek],
    ['Общая численность работников', summary.totalEmployees],
    ['Переведены на дистанционный режим', summary.remoteEmployees],
    ['Строк о работниках в файле', summary.rowsTotal],
    ['Принято строк', summary.rowsAccepted],
    ['Отклонено строк', summary.rowsRejected],
  ];
  for (const fact of facts) {
    addSafeRow(sheet, fact);
  }
  addSafeRow(sheet, []);
  addSafeRow(sheet, ['Замечания к файлу и листу «Сведения о работодателе»'], true);
  addSafeRow(sheet, ['Уровень', 'Лист', 'Ячейка', 'Код', 'Сообщение'], true);
  if (summary.issues.length === 0) {
    addSafeRow(sheet, ['Замечаний нет']);
  }
  for (const issue of summary.issues) {
    addSafeRow(sheet, [
      issue.severity === 'ERROR' ? 'Ошибка' : 'Предупреждение',
      issue.sheet,
      issue.column && issue.row ? `${issue.column}${issue.row}` : issue.row,
      issue.code,
      issue.message,
    ]);
  }
  sheet.commit();
}

async function writeRows(sheet: Worksheet, rows: AsyncIterable<ResultWorkbookRow>): Promise<void> {
  sheet.columns = [
    { width: 8 },
    { width: 22 },
    { width: 18 },
    { width: 16 },
    { width: 16 },
    { width: 24 },
    { width: 24 },
    { width: 14 },
    { width: 100 },
  ];
  addSafeRow(
    sheet,
    [...EMPLOYEE_COLUMNS.map((column) => EMPLOYEE_HEADERS[column]), 'Статус', 'Ошибки'],
    true,
  );
  for await (const row of rows) {
    const values = row.accepted
      ? [
          row.raw.serialNumber,
          row.phone,
          row.vehiclePlate,
          row.troika,
          row.strelka,
          row.socialCard,
          row.travelPass,
        ]
      : [
          row.raw.serialNumber,
          row.raw.phone,
          row.raw.vehiclePlate,
          row.raw.troika,
          row.raw.strelka,
          row.raw.socialCard,
          row.raw.travelPass,
        ];
    const messages = row.issues.map((issue) => {
      const place = issue.column ? `${issue.column}${row.rowNumber}` : `Строка ${row.rowNumber}`;
      return issue.severity === 'ERROR'
        ? `${place}: ${issue.message}`
        : `${place} (предупреждение): ${issue.message}`;
    });
    const written = addRow(sheet, [
      ...values,
      row.accepted ? 'Принято' : 'Отклонено',
      messages.length > 0 ? messages.join('\n') : null,
    ]);
    const errors = written.getCell(ERRORS_COLUMN);
    errors.style = errors.style === STYLE.quoted ? STYLE.wrapQuoted : STYLE.wrap;
    written.commit();
  }
  sheet.commit();
}

/**
 * Text as it may go into a result cell: one that a spreadsheet program could run as a formula
 * gets a literal leading apostrophe (ASVS 5.0 1.2.10), so it stays text in any program and
 * through a CSV export, whatever the cell's style; any other text is returned as it is.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

// exceljs gives every cell a style object of its own and, writing the row, renders each one to
// XML to find its style id, unless it has met that very object before (it keeps a WeakMap by
// identity). In a profile of a 100 000-row result workbook that rendering was 55 % of the
// writing time (30 000 rows/s, AMD EPYC machine; docs/benchmarks.md, «Report parsing»). Cells
// take one of these shared objects instead, never changed after. None sets a number format
// unless it is the text one, so a number cell and a text cell sharing one get the same id
// (exceljs' default for both is General).
const STYLE = {
  plain: {},
  quoted: { numFmt: TEXT_FORMAT },
  bold: { font: { bold: true } },
  boldQuoted: { numFmt: TEXT_FORMAT, font: { bold: true } },
  wrap: { alignment: { wrapText: true, vertical: 'top' } },
  wrapQuoted: { numFmt: TEXT_FORMAT, alignment: { wrapText: true, vertical: 'top' } },
} as const satisfies Record<string, Partial<Style>>;

// Adds a row and protects its text cells; the caller may style it further, then commits it.
function addRow(sheet: Worksheet, values: CellValue[], bold = false): Row {
  const row = sheet.addRow(
    values.map((value) => (typeof value === 'string' ? neutralizeFormula(value) : value)),
  );
  row.eachCell({ includeEmpty: true }, (cell) => {
    // Escaped above: the quote-prefix style also keeps Excel from reading the text as anything
    // but text when the user edits the cell.
    const quoted = typeof cell.value === 'string' && cell.value.startsWith("'");
    // Bold only where there is text, as before: an empty cell stays plain.
    const strong = bold && cell.value !== null;
    cell.style = strong
      ? quoted
        ? STYLE.boldQuoted
        : STYLE.bold
      : quoted
        ? STYLE.quoted
        : STYLE.plain;
  });
  return row;
}

function addSafeRow(sheet: Worksheet, values: CellValue[], bold = false): void {
  addRow(sheet, values, bold).commit();
}
