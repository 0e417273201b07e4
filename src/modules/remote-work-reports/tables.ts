// The tables this module owns: only its files name them in SQL (README "Adding a module").
export const REMOTE_WORK_REPORTS_TABLES = [
  'remote_work_reports',
  'remote_work_report_rows',
  'remote_work_report_row_stage',
  'report_deadline_extensions',
  'remote_work_report_reminders',
  'remote_work_report_status_events',
  'remote_work_report_row_stage',
] as const;
