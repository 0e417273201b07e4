// Imported first by the report e2e files: the environment must be set before any module reads
// it. A 1 MiB upload limit keeps the oversize test fast (queues are already scoped to the run's
// database by their Redis prefix).
const saved = { REPORT_MAX_BYTES: process.env.REPORT_MAX_BYTES };
process.env.REPORT_MAX_BYTES = String(1024 * 1024);

/** Puts the environment back for the test files that run after this one in the same process. */
export function restoreReportEnv(): void {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) {
      delete process.env[key];
    } else {
      process.env[key] = value;
    }
  }
}
