import { ReportIssue, ReportIssueCode } from './report-issue.model';

export type RemoteWorkReportStatus = 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED';

// The organization the report is filed for: sheet 1 must describe it.
export interface ReportingOrganization {
  inn: string;
  ogrn: string;
  fullName: string;
}

export interface ParseRemoteWorkReportOptions {
  organization: ReportingOrganization;
  // Employee rows allowed (REPORT_MAX_ROWS); more is TOO_MANY_ROWS.
  maxRows: number;
  // Total inflated size of all zip entries (REPORT_MAX_UNPACKED_BYTES).
  maxUnpackedBytes: number;
  // Rows per `onRows` call; 1000 by default.
  batchSize?: number;
  // Inflated size allowed for the shared strings part, which the streaming reader keeps in
  // memory (about twice its size as JS strings); 64 MiB by default.
  maxSharedStringsBytes?: number;
}

// Values of one employee row, as read (numbers as their digits, invisible characters removed).
export interface EmployeeRowValues {
  serialNumber: string | null;
  phone: string | null;
  vehiclePlate: string | null;
  troika: string | null;
  strelka: string | null;
  socialCard: string | null;
  travelPass: string | null;
}

// One row of the employee sheet. The normalised fields hold the stored form of every cell that
// passed its check (null when empty, a dash or invalid); the row is accepted when none of its
// issues is an ERROR.
export interface ParsedEmployeeRow {
  // The Excel row number as the user sees it.
  rowNumber: number;
  accepted: boolean;
  // E.164, e.g. `+79161234567`.
  phone: string | null;
  // Cyrillic uppercase without spaces, e.g. `А123ВС77`.
  vehiclePlate: string | null;
  troika: string | null;
  strelka: string | null;
  socialCard: string | null;
  travelPass: string | null;
  raw: EmployeeRowValues;
  issues: ReportIssue[];
}

// What sheet 1 declares, normalised where the value passed its check.
export interface EmployerDeclaration {
  inn: string | null;
  ogrn: string | null;
  fullName: string | null;
  totalEmployees: number | null;
  remoteEmployees: number | null;
  notRemoteEmployees: number | null;
  // E.164.
  contactPhone: string | null;
}

export interface ParseOutcome {
  status: RemoteWorkReportStatus;
  // The first file-level or sheet-1 error code of a REJECTED report.
  rejectionCode: ReportIssueCode | null;
  totalEmployees: number | null;
  remoteEmployees: number | null;
  employer: EmployerDeclaration | null;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  // File-level and sheet-1 issues; row issues travel with their rows.
  issues: ReportIssue[];
}

export type EmployeeRowSink = (rows: ParsedEmployeeRow[]) => Promise<void>;
