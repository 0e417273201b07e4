// Every problem code a remote-work report can carry (REMOTE-WORK-TEMPLATE.md, «Outcome»).
export enum ReportIssueCode {
  FILE_UNREADABLE = 'FILE_UNREADABLE',
  TOO_MANY_ROWS = 'TOO_MANY_ROWS',
  SHEET_MISSING = 'SHEET_MISSING',
  INN_INVALID = 'INN_INVALID',
  INN_MISMATCH = 'INN_MISMATCH',
  OGRN_INVALID = 'OGRN_INVALID',
  OGRN_MISMATCH = 'OGRN_MISMATCH',
  NAME_MISMATCH = 'NAME_MISMATCH',
  COUNT_REQUIRED = 'COUNT_REQUIRED',
  COUNT_INVALID = 'COUNT_INVALID',
  COUNT_INCONSISTENT = 'COUNT_INCONSISTENT',
  PHONE_REQUIRED = 'PHONE_REQUIRED',
  PHONE_INVALID = 'PHONE_INVALID',
  PLATE_INVALID = 'PLATE_INVALID',
  TROIKA_INVALID = 'TROIKA_INVALID',
  STRELKA_INVALID = 'STRELKA_INVALID',
  SOCIAL_CARD_INVALID = 'SOCIAL_CARD_INVALID',
  TRAVEL_PASS_INVALID = 'TRAVEL_PASS_INVALID',
  DUPLICATE_PHONE = 'DUPLICATE_PHONE',
  COUNT_MISMATCH = 'COUNT_MISMATCH',
  DASH_AS_EMPTY = 'DASH_AS_EMPTY',
  SHEET_BY_POSITION = 'SHEET_BY_POSITION',
  LEADING_ZEROS_RESTORED = 'LEADING_ZEROS_RESTORED',
  // Not about the file: its tries (REPORT_MAX_ATTEMPTS) were spent on internal faults (FAILED).
  PROCESSING_FAILED = 'PROCESSING_FAILED',
}

export type ReportIssueSeverity = 'ERROR' | 'WARNING';

// One problem, placed where the user sees it: the sheet name as in the file, the Excel row
// number and the column letter (absent for file-level and sheet-level problems).
export interface ReportIssue {
  severity: ReportIssueSeverity;
  code: ReportIssueCode;
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}
