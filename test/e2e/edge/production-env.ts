// Imported first by the production-mode spec: the environment must be set before any module
// reads it.
process.env.NODE_ENV = 'production';
process.env.JWT_SECRET = 'production-mode-test-secret-0123456789abcdef';
process.env.REPORT_MAX_BYTES = String(1024 * 1024);
process.env.RATE_LIMIT_PER_MINUTE = '20';
delete process.env.GRAPHQL_INTROSPECTION;
process.env.SECRETS_MASTER_KEY = 'production-mode-test-master-key-0123456789abcdef';
process.env.METRICS_TOKEN = 'metrics-test-token-0123456789';
