import {
  checkMobilePhone,
  checkStrelka,
  checkTroika,
  checkVehiclePlate,
  compactNumberLike,
  digitCount,
  IdentifierCheckResult,
  invalidIdentifier,
  quoteValue,
  validIdentifier,
} from '../../../shared/identifiers';
import { EmployeeColumn } from '../template/remote-work-report.layout';
import { CellRead, cellText, notDigitsMessage, problemMessage } from './cell-value.reader';
import { ParsedEmployeeRow } from './remote-work-report.model';
import { ReportIssue, ReportIssueCode } from './report-issue.model';

// Cells A–G of one employee row, in column order.
export type EmployeeRowCells = readonly [
  CellRead,
  CellRead,
  CellRead,
  CellRead,
  CellRead,
  CellRead,
  CellRead,
];

interface OptionalColumn {
  column: EmployeeColumn;
  label: string;
  code: ReportIssueCode;
  check: (value: string) => IdentifierCheckResult;
  // Digits of the format, for numeric cells that lost their leading zeros.
  padTo?: number;
}

const CARD_DIGITS = 'от 9 до 19 цифр';

const PLATE: OptionalColumn = {
  column: EmployeeColumn.VehiclePlate,
  label: 'Госномер',
  code: ReportIssueCode.PLATE_INVALID,
  check: checkVehiclePlate,
};
const TROIKA: OptionalColumn = {
  column: EmployeeColumn.Troika,
  label: 'Номер карты «Тройка»',
  code: ReportIssueCode.TROIKA_INVALID,
  check: checkTroika,
  padTo: 10,
};
const STRELKA: OptionalColumn = {
  column: EmployeeColumn.Strelka,
  label: 'Номер карты «Стрелка»',
  code: ReportIssueCode.STRELKA_INVALID,
  check: checkStrelka,
  padTo: 11,
};
const SOCIAL_CARD: OptionalColumn = {
  column: EmployeeColumn.SocialCard,
  label: 'Номер социальной карты',
  code: ReportIssueCode.SOCIAL_CARD_INVALID,
  check: (value) => checkCardNumber('Номер социальной карты', value),
};
const TRAVEL_PASS: OptionalColumn = {
  column: EmployeeColumn.TravelPass,
  label: 'Номер проездного билета',
  code: ReportIssueCode.TRAVEL_PASS_INVALID,
  check: (value) => checkCardNumber('Номер проездного билета', value),
};

const EXPECTED_PHONE = 'ожидается российский мобильный номер, например +7 916 123-45-67';

// Checks employee rows one by one. Stateful: a phone already seen in an earlier row rejects the
// later row (DUPLICATE_PHONE), so use one instance per file.
export class EmployeeRowValidator {
  // Keyed by the 10 national digits as a number: a few dozen bytes per row instead of a string.
  private readonly firstRowByPhone = new Map<number, number>();

  constructor(private readonly sheet: string) {}

  // A row with nothing in B–G ends the list (A, the serial number, is often pre-filled).
  static isEmpty(cells: EmployeeRowCells): boolean {
    for (let index = 1; index < cells.length; index++) {
      if (cells[index].kind !== 'empty') {
        return false;
      }
    }
    return true;
  }

  validate(rowNumber: number, cells: EmployeeRowCells): ParsedEmployeeRow {
    const issues: ReportIssue[] = [];
    const phone = this.checkPhone(rowNumber, cells[1], issues);
    const row: ParsedEmployeeRow = {
      rowNumber,
      accepted: false,
      phone,
      vehiclePlate: this.checkOptional(rowNumber, cells[2], PLATE, issues),
      troika: this.checkOptional(rowNumber, cells[3], TROIKA, issues),
      strelka: this.checkOptional(rowNumber, cells[4], STRELKA, issues),
      socialCard: this.checkOptional(rowNumber, cells[5], SOCIAL_CARD, issues),
      travelPass: this.checkOptional(rowNumber, cells[6], TRAVEL_PASS, issues),
      raw: {
        serialNumber: cellText(cells[0]),
        phone: cellText(cells[1]),
        vehiclePlate: cellText(cells[2]),
        troika: cellText(cells[3]),
        strelka: cellText(cells[4]),
        socialCard: cellText(cells[5]),
        travelPass: cellText(cells[6]),
      },
      issues,
    };
    row.accepted = !issues.some((issue) => issue.severity === 'ERROR');
    return row;
  }

  private checkPhone(rowNumber: number, cell: CellRead, issues: ReportIssue[]): string | null {
    const column = EmployeeColumn.Phone;
    const error = (code: ReportIssueCode, message: string): null => {
      issues.push(this.issue('ERROR', code, rowNumber, column, message));
      return null;
    };
    if (cell.kind === 'empty') {
      return error(
        ReportIssueCode.PHONE_REQUIRED,
        `Номер мобильного телефона не указан: ${EXPECTED_PHONE}`,
      );
    }
    if (cell.kind === 'problem') {
      return error(
        ReportIssueCode.PHONE_INVALID,
        problemMessage('Номер мобильного телефона', cell),
      );
    }
    if (cell.kind === 'number' && cell.digits === null) {
      return error(
        ReportIssueCode.PHONE_INVALID,
        notDigitsMessage('Номер мобильного телефона', cell.text),
      );
    }
    if (compactNumberLike(cell.text) === '') {
      return error(
        ReportIssueCode.PHONE_REQUIRED,
        `Номер мобильного телефона не указан (в ячейке ${quoteValue(cell.text)}): ${EXPECTED_PHONE}`,
      );
    }
    const result = checkMobilePhone(cell.text);
    if (!result.valid) {
      return error(ReportIssueCode.PHONE_INVALID, result.message);
    }
    const key = Number(result.normalized.slice(2));
    const firstRow = this.firstRowByPhone.get(key);
    if (firstRow !== undefined) {
      return error(
        ReportIssueCode.DUPLICATE_PHONE,
        `Телефон ${quoteValue(cell.text)} (${result.normalized}) уже указан в строке ${firstRow}: каждый работник указывается один раз, повторная строка не принимается`,
      );
    }
    this.firstRowByPhone.set(key, rowNumber);
    return result.normalized;
  }

  private checkOptional(
    rowNumber: number,
    cell: CellRead,
    spec: OptionalColumn,
    issues: ReportIssue[],
  ): string | null {
    const push = (severity: 'ERROR' | 'WARNING', code: ReportIssueCode, message: string): null => {
      issues.push(this.issue(severity, code, rowNumber, spec.column, message));
      return null;
    };
    switch (cell.kind) {
      case 'empty':
        return null;
      case 'problem':
        return push('ERROR', spec.code, problemMessage(spec.label, cell));
      case 'number': {
        if (cell.digits === null) {
          return push('ERROR', spec.code, notDigitsMessage(spec.label, cell.text));
        }
        if (cell.rounded) {
          return push(
            'ERROR',
            spec.code,
            `${spec.label} ${cell.text}: записан числом длиннее 15 цифр, и Excel заменил последние цифры нулями; введите номер как текст (ячейка в формате «Текстовый»)`,
          );
        }
        let value = cell.text;
        if (spec.padTo && cell.digits.length < spec.padTo) {
          value = cell.digits.padStart(spec.padTo, '0');
          push(
            'WARNING',
            ReportIssueCode.LEADING_ZEROS_RESTORED,
            `${spec.label} ${cell.digits}: Excel сохранил номер как число и удалил ведущие нули; ожидается ${spec.padTo} цифр, номер восстановлен как ${value}`,
          );
        }
        return this.applyCheck(value, spec, push);
      }
      case 'text':
        if (compactNumberLike(cell.text) === '') {
          return push(
            'WARNING',
            ReportIssueCode.DASH_AS_EMPTY,
            `${spec.label}: указан ${quoteValue(cell.text)}; прочерк означает «нет», значение считается пустым (ожидается номер или пустая ячейка)`,
          );
        }
        return this.applyCheck(cell.text, spec, push);
    }
  }

  private applyCheck(
    value: string,
    spec: OptionalColumn,
    push: (severity: 'ERROR', code: ReportIssueCode, message: string) => null,
  ): string | null {
    const result = spec.check(value);
    return result.valid ? result.normalized : push('ERROR', spec.code, result.message);
  }

  private issue(
    severity: 'ERROR' | 'WARNING',
    code: ReportIssueCode,
    row: number,
    column: EmployeeColumn,
    message: string,
  ): ReportIssue {
    return { severity, code, sheet: this.sheet, row, column, message };
  }
}

// Social cards carry a 16–19-digit bank card number on newer cards and a shorter one on older
// ones, travel passes 9 to 19 digits; neither has a check digit we could verify.
function checkCardNumber(label: string, value: string): IdentifierCheckResult {
  const digits = compactNumberLike(value);
  const quoted = (): string => quoteValue(value);
  if (!/^\d+$/.test(digits)) {
    return invalidIdentifier(
      `${label} ${quoted()}: допустимы только цифры, ожидается ${CARD_DIGITS}`,
    );
  }
  if (digits.length < 9 || digits.length > 19) {
    return invalidIdentifier(
      `${label} ${quoted()}: ${digitCount(digits.length)}, ожидается ${CARD_DIGITS}`,
    );
  }
  return validIdentifier(digits);
}
