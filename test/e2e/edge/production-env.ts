// Imported first by the production-mode spec: the environment must be set before any module
// reads it. Test files that run after it in the same process (--runInBand) share process.env, so
// the spec puts the previous values back when it ends (restoreEnvironment).
const PRODUCTION: Record<string, string | undefined> = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-mode-test-secret-0123456789abcdef',
  REPORT_MAX_BYTES: String(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: '20',
  GRAPHQL_INTROSPECTION: undefined,
  SECRETS_MASTER_KEY: 'production-mode-test-master-key-0123456789abcdef',
  METRICS_TOKEN: 'metrics-test-token-0123456789',
};

const previous = Object.fromEntries(Object.keys(PRODUCTION).map((k) => [k, process.env[k]]));

function apply(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) {
      delete process.env[key];
    } else {
      process.env[key] = value;
    }
  }
}

apply(PRODUCTION);

/** Puts back the environment as it was before this file set production's. */
export function restoreEnvironment(): void {
  apply(previous);
}
