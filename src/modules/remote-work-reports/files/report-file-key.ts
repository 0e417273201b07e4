/**
 * Where a report's files are stored: `remote-work-reports/<first two hex digits of the id>/<id>.<kind>.xlsx`.
 *
 * 256 folders in all, so a process creates each at most once. A folder per organization meant a
 * directory creation on the first upload of every organization a process met, which on deadline
 * day, when each organization uploads once, is nearly every upload. Keys stored under earlier
 * layouts (`<organization>/<id>.original.xlsx`, `<id>/original.xlsx`) are kept with their
 * reports and still read.
 */
export function reportFileKey(reportId: string, kind: 'original' | 'result'): string {
  return `remote-work-reports/${reportId.slice(0, 2)}/${reportId}.${kind}.xlsx`;
}
