import { Workbook, Worksheet } from 'exceljs';
import {
  EMPLOYEE_COLUMNS,
  EMPLOYEE_HEADERS,
  EMPLOYEES_SHEET_NAME,
  EMPLOYER_HEADERS,
  EMPLOYER_ROWS,
  EMPLOYER_SHEET_NAME,
  EmployerRow,
  EXAMPLE_SHEET_LINES,
  EXAMPLE_SHEET_NAME,
} from './remote-work-report.layout';

// The fill the spec asks for on the cells the employer fills (Excel's «Good» green).
const INPUT_FILL = 'FFC6EFCE';
const TEXT_FORMAT = '@';
// Identifiers and the name are text; counts stay numbers.
const EMPLOYER_ROWS_AS_TEXT: ReadonlySet<EmployerRow> = new Set([
  EmployerRow.Inn,
  EmployerRow.Ogrn,
  EmployerRow.FullName,
  EmployerRow.ContactPhone,
]);

// Builds the downloadable remote-work report template (REMOTE-WORK-TEMPLATE.md): the employer
// sheet with its explanations, examples and green input cells D2:D8, the employee sheet's
// header, and the «Пример» sheet. Identifier columns are formatted as text, so Excel keeps
// leading zeros and more than 15 digits as typed.
export async function buildRemoteWorkReportTemplate(): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Kabinet';
  writeEmployerSheet(workbook.addWorksheet(EMPLOYER_SHEET_NAME));
  writeEmployeesSheet(
    workbook.addWorksheet(EMPLOYEES_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] }),
  );
  writeExampleSheet(workbook.addWorksheet(EXAMPLE_SHEET_NAME));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeEmployerSheet(sheet: Worksheet): void {
  sheet.columns = [{ width: 48 }, { width: 60 }, { width: 36 }, { width: 36 }];
  const header = sheet.addRow([...EMPLOYER_HEADERS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const template of EMPLOYER_ROWS) {
    const row = sheet.getRow(template.row);
    row.values = [template.indicator, template.explanation, template.example];
    row.alignment = { wrapText: true, vertical: 'top' };
    const input = row.getCell(4);
    input.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
    input.border = {
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    };
    if (EMPLOYER_ROWS_AS_TEXT.has(template.row)) {
      input.numFmt = TEXT_FORMAT;
    }
  }
}

function writeEmployeesSheet(sheet: Worksheet): void {
  sheet.columns = EMPLOYEE_COLUMNS.map((column, index) => ({
    header: EMPLOYEE_HEADERS[column],
    width: index === 0 ? 8 : 26,
    // Phone, plate and card numbers are identifiers, not quantities.
    style: index === 0 ? {} : { numFmt: TEXT_FORMAT },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
}

function writeExampleSheet(sheet: Worksheet): void {
  sheet.getColumn(1).width = 110;
  EXAMPLE_SHEET_LINES.forEach((line, index) => {
    sheet.getCell(index + 1, 1).value = line;
  });
}
