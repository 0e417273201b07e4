import {
  checkInn,
  checkOgrn,
  checkOgrnip,
  checkRussianPhone,
  cleanText,
  compactNumberLike,
  IdentifierCheckResult,
  quoteValue,
} from '../../../shared/identifiers';
import { EMPLOYER_VALUE_COLUMN, EmployerRow } from '../template/remote-work-report.layout';
import { CellRead, cellText, notDigitsMessage, problemMessage } from './cell-value.reader';
import { EmployerDeclaration, ReportingOrganization } from './remote-work-report.model';
import { ReportIssue, ReportIssueCode, ReportIssueSeverity } from './report-issue.model';

export interface EmployerSheetResult {
  declaration: EmployerDeclaration;
  issues: ReportIssue[];
  // Any ERROR: the report is rejected and no employee row is stored.
  rejected: boolean;
}

type CountReading = { value: number } | { missing: true } | { invalid: true };

// Checks column D of the employer sheet (rows 2–8) against the organization the report is filed
// for. `cells` maps an Excel row number to its column-D cell.
export function validateEmployerSheet(
  sheet: string,
  cells: ReadonlyMap<number, CellRead>,
  organization: ReportingOrganization,
): EmployerSheetResult {
  const issues: ReportIssue[] = [];
  const cell = (row: EmployerRow): CellRead => cells.get(row) ?? { kind: 'empty' };
  const issue = (
    severity: ReportIssueSeverity,
    code: ReportIssueCode,
    row: EmployerRow,
    message: string,
  ): void => {
    issues.push({ severity, code, sheet, row, column: EMPLOYER_VALUE_COLUMN, message });
  };

  const inn = checkIdentity(
    cell(EmployerRow.Inn),
    checkInn,
    'ИНН',
    organization.inn,
    (message) => issue('ERROR', ReportIssueCode.INN_INVALID, EmployerRow.Inn, message),
    (message) => issue('ERROR', ReportIssueCode.INN_MISMATCH, EmployerRow.Inn, message),
  );
  const ogrn = checkIdentity(
    cell(EmployerRow.Ogrn),
    checkOgrnOrOgrnip,
    'ОГРН / ОГРНИП',
    organization.ogrn,
    (message) => issue('ERROR', ReportIssueCode.OGRN_INVALID, EmployerRow.Ogrn, message),
    (message) => issue('ERROR', ReportIssueCode.OGRN_MISMATCH, EmployerRow.Ogrn, message),
  );

  const fullName = cellText(cell(EmployerRow.FullName));
  if (fullName === null) {
    issue(
      'WARNING',
      ReportIssueCode.NAME_MISMATCH,
      EmployerRow.FullName,
      `Полное наименование не указано: ожидается «${organization.fullName}»`,
    );
  } else if (comparableName(fullName) !== comparableName(organization.fullName)) {
    issue(
      'WARNING',
      ReportIssueCode.NAME_MISMATCH,
      EmployerRow.FullName,
      `Полное наименование ${quoteValue(fullName)} не совпадает с наименованием организации «${organization.fullName}»`,
    );
  }

  const total = readCount(cell(EmployerRow.TotalEmployees), false);
  const remote = readCount(cell(EmployerRow.RemoteEmployees), true);
  const notRemote = readCount(cell(EmployerRow.NotRemoteEmployees), true);
  const countLabels: Record<number, string> = {
    [EmployerRow.TotalEmployees]: 'Общая численность работников',
    [EmployerRow.RemoteEmployees]: 'Численность работников, переведённых на дистанционный режим',
    [EmployerRow.NotRemoteEmployees]:
      'Численность работников, не переведённых на дистанционный режим',
  };
  const counts: [EmployerRow, CountReading][] = [
    [EmployerRow.TotalEmployees, total],
    [EmployerRow.RemoteEmployees, remote],
    [EmployerRow.NotRemoteEmployees, notRemote],
  ];
  for (const [row, reading] of counts) {
    if ('missing' in reading) {
      issue(
        'ERROR',
        ReportIssueCode.COUNT_REQUIRED,
        row,
        `${countLabels[row]} не указана: ожидается целое число не меньше 0`,
      );
    } else if ('invalid' in reading) {
      issue(
        'ERROR',
        ReportIssueCode.COUNT_INVALID,
        row,
        `${countLabels[row]} ${quoteValue(cellText(cell(row)) ?? '')}: ожидается целое число не меньше 0`,
      );
    }
  }
  const totalValue = 'value' in total ? total.value : null;
  const remoteValue = 'value' in remote ? remote.value : null;
  const notRemoteValue = 'value' in notRemote ? notRemote.value : null;
  if (totalValue !== null && remoteValue !== null && remoteValue > totalValue) {
    issue(
      'ERROR',
      ReportIssueCode.COUNT_INCONSISTENT,
      EmployerRow.RemoteEmployees,
      `Численность переведённых на дистанционный режим ${remoteValue} больше общей численности работников ${totalValue}: ожидается не больше ${totalValue}`,
    );
  } else if (
    totalValue !== null &&
    remoteValue !== null &&
    notRemoteValue !== null &&
    remoteValue + notRemoteValue !== totalValue
  ) {
    issue(
      'ERROR',
      ReportIssueCode.COUNT_INCONSISTENT,
      EmployerRow.NotRemoteEmployees,
      `Численность не переведённых на дистанционный режим ${notRemoteValue}: вместе с переведёнными (${remoteValue}) получается ${remoteValue + notRemoteValue}, а общая численность ${totalValue}; ожидается ${totalValue - remoteValue}`,
    );
  }

  const contactPhone = readContactPhone(cell(EmployerRow.ContactPhone), (code, message) =>
    issue('WARNING', code, EmployerRow.ContactPhone, message),
  );

  return {
    declaration: {
      inn,
      ogrn,
      fullName,
      totalEmployees: totalValue,
      remoteEmployees: remoteValue,
      notRemoteEmployees: notRemoteValue,
      contactPhone,
    },
    issues,
    rejected: issues.some((found) => found.severity === 'ERROR'),
  };
}

function checkIdentity(
  cell: CellRead,
  check: (value: string) => IdentifierCheckResult,
  label: string,
  expected: string,
  invalid: (message: string) => void,
  mismatch: (message: string) => void,
): string | null {
  if (cell.kind === 'problem') {
    invalid(problemMessage(label, cell));
    return null;
  }
  if (cell.kind === 'number' && cell.digits === null) {
    invalid(notDigitsMessage(label, cell.text));
    return null;
  }
  if (cell.kind === 'number' && cell.rounded) {
    invalid(
      `${label} ${cell.text}: число длиннее 15 цифр, Excel округлил последние цифры; введите значение как текст`,
    );
    return null;
  }
  const result = check(cellText(cell) ?? '');
  if (!result.valid) {
    invalid(result.message);
    return null;
  }
  if (result.normalized !== compactNumberLike(expected)) {
    mismatch(
      `${label} ${result.normalized} не совпадает с ${label} организации, за которую подаётся отчёт: ожидается ${expected}`,
    );
  }
  return result.normalized;
}

function checkOgrnOrOgrnip(value: string): IdentifierCheckResult {
  const length = compactNumberLike(value).length;
  if (length === 15) {
    return checkOgrnip(value);
  }
  if (length === 13) {
    return checkOgrn(value);
  }
  const digits = compactNumberLike(value);
  return {
    valid: false,
    message:
      digits === ''
        ? 'ОГРН / ОГРНИП не указан: ожидается 13 цифр (ОГРН) или 15 цифр (ОГРНИП)'
        : `ОГРН / ОГРНИП ${quoteValue(cleanText(value))}: ожидается 13 цифр (ОГРН) или 15 цифр (ОГРНИП)`,
  };
}

// Registry names and typed names differ in case, in the kind of quotes («», "", '') and in
// spacing; Ё is often written as Е. None of that makes it another organization.
function comparableName(name: string): string {
  return cleanText(name)
    .toUpperCase()
    .replace(/Ё/g, 'Е')
    .replace(/[«»"'“”„‟‘’‚‛`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function readCount(cell: CellRead, dashMeansZero: boolean): CountReading {
  if (cell.kind === 'empty') {
    return dashMeansZero ? { value: 0 } : { missing: true };
  }
  if (cell.kind === 'problem') {
    return { invalid: true };
  }
  if (cell.kind === 'number') {
    return cell.digits !== null && !cell.rounded
      ? { value: Number(cell.digits) }
      : { invalid: true };
  }
  if (cell.text === '-') {
    return dashMeansZero ? { value: 0 } : { missing: true };
  }
  // Counts typed as text, with thousands separated by spaces («1 200»).
  const digits = cell.text.replace(/\s/g, '');
  return /^\d{1,15}$/.test(digits) ? { value: Number(digits) } : { invalid: true };
}

function readContactPhone(
  cell: CellRead,
  warn: (code: ReportIssueCode, message: string) => void,
): string | null {
  // The contact phone is optional and only helps the inspector call back: a bad one is worth a
  // warning, not a rejected report.
  if (cell.kind === 'empty') {
    return null;
  }
  if (cell.kind === 'problem') {
    warn(ReportIssueCode.PHONE_INVALID, problemMessage('Контактный телефон', cell));
    return null;
  }
  if (cell.kind === 'text' && compactNumberLike(cell.text) === '') {
    warn(
      ReportIssueCode.DASH_AS_EMPTY,
      `Контактный телефон: указан ${quoteValue(cell.text)}, прочерк считается пустым значением`,
    );
    return null;
  }
  const result = checkRussianPhone(cell.text);
  if (!result.valid) {
    warn(ReportIssueCode.PHONE_INVALID, `Контактный телефон: ${result.message}`);
    return null;
  }
  return result.normalized;
}
