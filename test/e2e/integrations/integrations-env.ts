// Imported first by the integrations e2e files: the environment must be set before any module
// reads it. Webhooks may go to the test's receiver on 127.0.0.1 (queues are already scoped to the
// run's database by their Redis prefix); the per-IP failure limit is lifted because every test client is 127.0.0.1 and counts
// live in the shared Redis (the per-client limit is tested instead).
const VALUES: Record<string, string> = {
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  OAUTH_MAX_FAILURES_PER_IP: '100000',
};

const saved = Object.fromEntries(Object.keys(VALUES).map((key) => [key, process.env[key]]));
Object.assign(process.env, VALUES);

/** Puts the environment back for the test files that run after this one in the same process. */
export function restoreIntegrationsEnv(): void {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) {
      delete process.env[key];
    } else {
      process.env[key] = value;
    }
  }
}
