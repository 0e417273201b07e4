import { parseSentinels } from './redis-connection';
import { registerAs } from '@nestjs/config';
import { loadEnv } from './env.schema';
import { parseDatabaseUrl } from '../database/database-url';

const DEV_JWT_SECRET = 'kabinet-development-secret-do-not-use-in-production';
const DEV_MASTER_KEY = 'kabinet-development-master-key-do-not-use-in-production';

export const appConfig = registerAs('app', () => {
  const env = loadEnv();
  return {
    env: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    role: env.APP_ROLE,
    logLevel: env.LOG_LEVEL,
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
    schemaFile: env.GRAPHQL_SCHEMA_FILE,
    metricsEnabled: env.METRICS_ENABLED,
    metricsToken: env.METRICS_TOKEN ?? null,
    wsMaxSubscriptions: env.WS_MAX_SUBSCRIPTIONS,
    wsMaxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
    workerMetricsPort: env.WORKER_METRICS_PORT ?? null,
    storageDir: env.STORAGE_DIR,
    periodicTasksSchedule: env.PERIODIC_TASKS_SCHEDULE ?? env.NODE_ENV !== 'test',
  };
});

export const databaseConfig = registerAs('database', () => ({ url: loadEnv().DATABASE_URL }));

export const redisConfig = registerAs('redis', () => {
  const env = loadEnv();
  return {
    url: env.REDIS_URL,
    sentinels: parseSentinels(env.REDIS_SENTINELS),
    sentinelName: env.REDIS_SENTINEL_NAME,
    // Counters hold state about one database's users, so they live under its name: a second
    // deployment or a parallel test run on the same Redis keeps its own allowances.
    keyPrefix: `kabinet:${parseDatabaseUrl(env.DATABASE_URL).database}:`,
  };
});

export const authConfig = registerAs('auth', () => {
  const env = loadEnv();
  return {
    jwtSecret: env.JWT_SECRET ?? DEV_JWT_SECRET,
    usesDevelopmentSecret: env.JWT_SECRET === undefined,
    // Keys of their own are derived from this (shared/auth/derived-key.ts), never from jwtSecret.
    masterKey: env.SECRETS_MASTER_KEY ?? DEV_MASTER_KEY,
    previousMasterKey: env.SECRETS_MASTER_KEY_PREVIOUS ?? null,
    issuer: 'kabinet',
    audience: 'kabinet-api',
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    sessionMaxDays: env.SESSION_MAX_DAYS,
    otpTtlSeconds: env.OTP_TTL_SECONDS,
    signatureChallengeTtlSeconds: env.SIGNATURE_CHALLENGE_TTL_SECONDS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginMaxPerIp: env.LOGIN_MAX_PER_IP,
    codeMaxRequests: env.CODE_MAX_REQUESTS,
    oidc: {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      redirectUris: env.OIDC_REDIRECT_URIS,
      allowInsecureIssuer: env.OIDC_ALLOW_INSECURE_ISSUER,
      scopes: env.OIDC_SCOPES,
      requireBinding: env.OIDC_REQUIRE_BINDING,
    },
    trustedCaFile: env.TRUSTED_CA_FILE,
    // An empty value means unset (CRLs are then downloaded from distribution points).
    trustedCrlDir: env.TRUSTED_CRL_DIR || undefined,
    crlMaxBytes: env.CRL_MAX_BYTES,
    crlFetchTimeoutMs: env.CRL_FETCH_TIMEOUT_MS,
  };
});

export const messagingConfig = registerAs('messaging', () => {
  const env = loadEnv();
  return {
    smsDriver: env.SMS_DRIVER,
    smsGatewayUrl: env.SMS_GATEWAY_URL,
    emailDriver: env.EMAIL_DRIVER,
    smtpUrl: env.SMTP_URL,
    emailFrom: env.EMAIL_FROM,
  };
});

export const registryConfig = registerAs('registry', () => {
  const env = loadEnv();
  return {
    driver: env.REGISTRY_DRIVER,
    url: env.REGISTRY_URL,
    checkExpiryMs: Math.round(env.DOCUMENT_CHECK_EXPIRY_HOURS * 3600 * 1000),
  };
});

export const profileLinksConfig = registerAs('profileLinks', () => {
  const env = loadEnv();
  return {
    maxVehicles: env.PROFILE_MAX_VEHICLES,
    maxChildren: env.PROFILE_MAX_CHILDREN,
    rate: {
      name: 'profile-links',
      max: env.PROFILE_LINK_RATE_MAX,
      windowSeconds: env.PROFILE_LINK_RATE_WINDOW_SECONDS,
    },
  };
});

export const reportsConfig = registerAs('reports', () => {
  const env = loadEnv();
  return {
    maxBytes: env.REPORT_MAX_BYTES,
    maxRows: env.REPORT_MAX_ROWS,
    maxUnpackedBytes: env.REPORT_MAX_UNPACKED_BYTES,
    remoteShareRequired: env.REMOTE_SHARE_REQUIRED,
    parserConcurrency: env.REPORT_PARSER_CONCURRENCY,
    parserWorkers: env.REPORT_PARSER_WORKERS,
    parserMaxHeapMb: env.REPORT_PARSER_MAX_HEAP_MB,
    parseTimeoutMs: env.REPORT_PARSE_TIMEOUT_SECONDS * 1000,
    maxAttempts: env.REPORT_MAX_ATTEMPTS,
    reconcileIntervalMs: env.REPORT_RECONCILE_INTERVAL_SECONDS * 1000,
    jobLockMs: env.REPORT_JOB_LOCK_SECONDS * 1000,
    stalledCheckMs: env.REPORT_JOB_STALLED_CHECK_SECONDS * 1000,
    checksPerMinute: env.REPORT_CHECKS_PER_MINUTE,
    checkConcurrency: env.REPORT_CHECK_CONCURRENCY,
    reminderFromHour: env.REPORT_REMINDER_FROM_HOUR,
  };
});

export const storageConfig = registerAs('storage', () => {
  const env = loadEnv();
  return {
    driver: env.STORAGE_DRIVER,
    dir: env.STORAGE_DIR,
    s3: {
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET ?? '',
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      partSizeBytes: env.S3_PART_SIZE_MB * 1024 * 1024,
      queueSize: env.S3_UPLOAD_CONCURRENCY,
    },
  };
});

export const limitsConfig = registerAs('limits', () => {
  const env = loadEnv();
  return {
    perMinute: env.RATE_LIMIT_PER_MINUTE,
    organizationInvitationsPerDay: env.ORGANIZATION_INVITATIONS_PER_DAY,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
  };
});

export const integrationsConfig = registerAs('integrations', () => {
  const env = loadEnv();
  return {
    oauthMaxFailures: env.OAUTH_MAX_FAILURES,
    oauthMaxFailuresPerIp: env.OAUTH_MAX_FAILURES_PER_IP,
  };
});

export const notificationsConfig = registerAs('notifications', () => ({
  fanOutChunk: loadEnv().NOTIFICATIONS_FANOUT_CHUNK,
  quietHoursDefault: loadEnv().NOTIFICATIONS_QUIET_HOURS_DEFAULT,
}));

export const serviceEventsConfig = registerAs('serviceEvents', () => ({
  retentionDays: loadEnv().SERVICE_EVENT_RETENTION_DAYS,
}));

export const dataExportConfig = registerAs('dataExport', () => {
  const env = loadEnv();
  return {
    ttlMs: Math.round(env.DATA_EXPORT_TTL_HOURS * 3600 * 1000),
    linkTtlMs: env.DATA_EXPORT_LINK_TTL_SECONDS * 1000,
  };
});

export const interAgencyConfig = registerAs('interAgency', () => {
  const env = loadEnv();
  return {
    noticeLimit: env.INTER_AGENCY_NOTICE_LIMIT,
    noticeWindowMs: env.INTER_AGENCY_NOTICE_WINDOW_MINUTES * 60_000,
  };
});

export const ALL_CONFIGS = [
  appConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  messagingConfig,
  registryConfig,
  profileLinksConfig,
  reportsConfig,
  storageConfig,
  limitsConfig,
  integrationsConfig,
  notificationsConfig,
  serviceEventsConfig,
  dataExportConfig,
  interAgencyConfig,
];
