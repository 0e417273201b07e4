import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

const toNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1';
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every environment variable Kabinet reads, with its default. `.env.example` documents each one.
 */
export class EnvVars {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsIn(PROCESS_ROLES)
  APP_ROLE: ProcessRole = 'all';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsUrl({ protocols: ['mysql', 'mariadb'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'mysql://root@127.0.0.1:3306/kabinet';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  // Sentinels watching Kabinet's Redis, `host:port,host:port`; when set, clients (Bull included)
  // ask them for the current primary and follow a failover. REDIS_URL then gives only the
  // password and database.
  @IsOptional()
  @Matches(/^\s*\[?[^\s,\]]+\]?:\d{1,5}\s*(,\s*\[?[^\s,\]]+\]?:\d{1,5}\s*)*$/, {
    message: 'REDIS_SENTINELS must be host:port[,host:port...]',
  })
  REDIS_SENTINELS?: string;

  // The primary's name in the Sentinels' configuration (`sentinel monitor <name> ...`).
  @IsString()
  REDIS_SENTINEL_NAME = 'kabinet';

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  // Required unless NODE_ENV is set to development or test (checked in validateEnv: an unset
  // NODE_ENV is not a development machine); there a development default is used with a warning.
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  // The master secret the server's own keys are derived from by HKDF (one-time-code hashing,
  // webhook secret encryption); required where JWT_SECRET is, and different from it.
  @IsOptional()
  @IsString()
  @MinLength(32)
  SECRETS_MASTER_KEY?: string;

  // The master secret before the last rotation: webhook secrets sealed with it still open.
  @IsOptional()
  @IsString()
  @MinLength(32)
  SECRETS_MASTER_KEY_PREVIOUS?: string;

  @Transform(toNumber)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  // The absolute lifetime of a session, however often it is refreshed.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(365)
  SESSION_MAX_DAYS = 30;

  @Transform(toNumber)
  @IsInt()
  @Min(30)
  @Max(3600)
  OTP_TTL_SECONDS = 300;

  @Transform(toNumber)
  @IsInt()
  @Min(30)
  @Max(3600)
  SIGNATURE_CHALLENGE_TTL_SECONDS = 300;

  @Transform(toNumber)
  @IsNumber()
  @Min(0.0002)
  DOCUMENT_CHECK_EXPIRY_HOURS = 48;

  @IsIn(['log', 'http'])
  SMS_DRIVER: 'log' | 'http' = 'log';

  @ValidateIf((env: EnvVars) => env.SMS_DRIVER === 'http')
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  SMS_GATEWAY_URL?: string;

  @IsIn(['log', 'smtp'])
  EMAIL_DRIVER: 'log' | 'smtp' = 'log';

  @ValidateIf((env: EnvVars) => env.EMAIL_DRIVER === 'smtp')
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsString()
  EMAIL_FROM = 'Kabinet <no-reply@kabinet.local>';

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  PROFILE_MAX_VEHICLES = 10;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  PROFILE_MAX_CHILDREN = 10;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  PROFILE_LINK_RATE_MAX = 20;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(86400)
  PROFILE_LINK_RATE_WINDOW_SECONDS = 3600;

  @IsIn(['table', 'http'])
  REGISTRY_DRIVER: 'table' | 'http' = 'table';

  @ValidateIf((env: EnvVars) => env.REGISTRY_DRIVER === 'http')
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  REGISTRY_URL?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  OIDC_ISSUER?: string;

  @ValidateIf((env: EnvVars) => env.OIDC_ISSUER !== undefined)
  @IsString()
  OIDC_CLIENT_ID?: string;

  @ValidateIf((env: EnvVars) => env.OIDC_ISSUER !== undefined)
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @Transform(toList)
  @IsString({ each: true })
  OIDC_REDIRECT_URIS: string[] = [];

  // A plain-http OIDC_ISSUER is refused unless this is true (local development and tests only;
  // refused in production whatever this says).
  @Transform(toBool)
  @IsBoolean()
  OIDC_ALLOW_INSECURE_ISSUER = false;

  // Scopes asked of the OIDC provider; they must yield the claims federated login reads.
  @IsString()
  OIDC_SCOPES = 'openid profile phone snils';

  // completeFederatedLogin needs the clientBinding federatedLoginStart returned, so a stolen
  // redirect URL (code and state) alone signs nobody in. false only while old clients migrate.
  @Transform(toBool)
  @IsBoolean()
  OIDC_REQUIRE_BINDING = true;

  @IsOptional()
  @IsString()
  TRUSTED_CA_FILE?: string;

  // Closed networks: CRLs are read from this directory only, never downloaded.
  @IsOptional()
  @IsString()
  TRUSTED_CRL_DIR?: string;

  // Limits of one CRL download (or file) and of the wait for it.
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(512 * 1024 * 1024)
  CRL_MAX_BYTES = 32 * 1024 * 1024;

  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(60_000)
  CRL_FETCH_TIMEOUT_MS = 5000;

  @IsString()
  STORAGE_DIR = './var/storage';

  // The file storage port's driver; `local` keeps files under STORAGE_DIR (which may be a shared
  // mount), `s3` in a bucket of an S3-compatible object store that every node reaches.
  @IsIn(STORAGE_DRIVERS)
  STORAGE_DRIVER: StorageDriver = 'local';

  // Object store endpoint (MinIO, Ceph, a cloud's S3); unset means AWS S3 of S3_REGION.
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  S3_ENDPOINT?: string;

  @ValidateIf((env: EnvVars) => env.STORAGE_DRIVER === 's3')
  @IsString({ message: 'S3_BUCKET is required when STORAGE_DRIVER=s3' })
  S3_BUCKET?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  // Static credentials, both or neither; without them the SDK's default chain is used
  // (instance role, AWS_* variables, shared profile).
  @ValidateIf(
    (env: EnvVars) => env.STORAGE_DRIVER === 's3' && env.S3_SECRET_ACCESS_KEY !== undefined,
  )
  @IsString({ message: 'S3_ACCESS_KEY_ID is required when S3_SECRET_ACCESS_KEY is set' })
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((env: EnvVars) => env.STORAGE_DRIVER === 's3' && env.S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY is required when S3_ACCESS_KEY_ID is set' })
  S3_SECRET_ACCESS_KEY?: string;

  // Path-style URLs (`endpoint/bucket/key`), which MinIO and most self-hosted stores need.
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  // Multipart part size (S3's minimum is 5 MiB) and parts sent at once per upload.
  @Transform(toNumber)
  @IsInt()
  @Min(5)
  @Max(512)
  S3_PART_SIZE_MB = 8;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(16)
  S3_UPLOAD_CONCURRENCY = 2;

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  // Written by development instances so the committed schema.gql follows the code.
  @IsOptional()
  @IsString()
  GRAPHQL_SCHEMA_FILE?: string;

  @Transform(toBool)
  @IsBoolean()
  METRICS_ENABLED = true;

  // When set, GET /metrics answers only requests with `Authorization: Bearer <METRICS_TOKEN>`.
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  // Operations one graphql-ws connection may run at once.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  WS_MAX_SUBSCRIPTIONS = 20;

  // Largest graphql-ws frame accepted, in bytes; a larger one closes the socket (1009).
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  WS_MAX_PAYLOAD_BYTES = 64 * 1024;

  // Whether worker processes schedule the periodic tasks (reconcilers, sweepers) as Bull
  // repeatable jobs. Unset: yes, except under NODE_ENV=test, where tests run them with their clock.
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  PERIODIC_TASKS_SCHEDULE?: boolean;

  // Workers have no HTTP server; with this set, a worker serves GET /metrics and GET /health on
  // this port (job timings are only seen by the process that runs the jobs).
  @IsOptional()
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  // The scheduling priority (nice, 0 to 19) a worker process gives itself and its parser
  // children. Where workers share cores with API processes, acceptance comes first and the queue
  // absorbs the rest; on a node of its own a worker just runs.
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(19)
  WORKER_NICE = 10;

  // Express "trust proxy": false, a hop count, or a list of addresses/subnets.
  @IsString()
  TRUST_PROXY = 'false';

  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  REPORT_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  REPORT_MAX_ROWS = 200_000;

  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  REPORT_MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  REMOTE_SHARE_REQUIRED = 0.3;

  // Reports parsed at once per worker process, each in its own child process.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(32)
  REPORT_PARSER_CONCURRENCY = 2;

  // Worker processes that parse reports (each with REPORT_PARSER_CONCURRENCY slots): while other
  // organizations' reports wait, one organization holds at most half of all these slots.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(1000)
  REPORT_PARSER_WORKERS = 1;

  // Heap limit of a parser child process (MiB): a hostile file can exhaust only that child.
  @Transform(toNumber)
  @IsInt()
  @Min(64)
  REPORT_PARSER_MAX_HEAP_MB = 512;

  // A parse taking longer is killed and counted as a failed attempt. The largest file allowed
  // (200 000 rows, 21 MiB) took 41 to 56 s to parse on a 2-core machine under a load average of
  // 16 (docs/benchmarks.md, «Parse timeout»): four times that, storing its rows included.
  @Transform(toNumber)
  @IsInt()
  @Min(5)
  REPORT_PARSE_TIMEOUT_SECONDS = 240;

  // Tries of a report of any kind (failed, timed out, stalled with a dead worker, re-queued by the
  // reconciler) before it ends FAILED with PROCESSING_FAILED instead of being tried again.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(20)
  REPORT_MAX_ATTEMPTS = 3;

  // How often workers look for queued reports whose job Redis lost.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  REPORT_RECONCILE_INTERVAL_SECONDS = 30;

  // Bull lock of a running report job: a worker that dies without a word (SIGKILL, lost host)
  // gives its job up after this long; the live worker renews it every half of it.
  @Transform(toNumber)
  @IsInt()
  @Min(2)
  REPORT_JOB_LOCK_SECONDS = 30;

  // How often workers look for report jobs whose lock expired (stalled) and queue them again.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  REPORT_JOB_STALLED_CHECK_SECONDS = 15;

  // checkRemoteWorkReport: checks per organization per minute, and parser children per API
  // process answering checks (each check holds one for its parse).
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  REPORT_CHECKS_PER_MINUTE = 10;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(32)
  REPORT_CHECK_CONCURRENCY = 1;

  // Deadline reminders (Thursday and Friday before the deadline): not before this Moscow hour.
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(23)
  REPORT_REMINDER_FROM_HOUR = 9;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_MAX_PER_IP = 100;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  CODE_MAX_REQUESTS = 5;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  // addEmployee invitations (and look-ups of the person) per organization per day.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  ORGANIZATION_INVITATIONS_PER_DAY = 200;

  @Transform(toList)
  @IsString({ each: true })
  WEBHOOK_ALLOWED_HOSTS: string[] = [];

  // Failed client authentications at POST /oauth/token per client_id in 15 minutes.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  OAUTH_MAX_FAILURES = 20;

  // Failed client authentications at POST /oauth/token per IP in 15 minutes.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  OAUTH_MAX_FAILURES_PER_IP = 100;

  // Accounts per INSERT … SELECT when a service event is fanned out to its subscribers.
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  @Max(5000)
  NOTIFICATIONS_FANOUT_CHUNK = 1000;

  // Quiet hours (Moscow time) for SMS / e-mail copies of people who set none: `HH:MM-HH:MM` or `off`.
  @Matches(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/)
  NOTIFICATIONS_QUIET_HOURS_DEFAULT = '22:00-08:00';

  // Service events older than this many days (by occurred_at) are deleted (152-FZ art. 5 part 7).
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  SERVICE_EVENT_RETENTION_DAYS = 1095;
  // How long a ready personal-data export can be downloaded (hours); then its file is deleted.
  @Transform(toNumber)
  @IsNumber()
  @Min(0.001)
  @Max(168)
  DATA_EXPORT_TTL_HOURS = 24;

  // Lifetime of one signed download link of an export (s); a new one comes with every read.
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  @Max(3600)
  DATA_EXPORT_LINK_TTL_SECONDS = 300;
  // Inter-agency decision/withdrawal notices sent at once per requester/owner organization pair
  // within the window; the rest wait for the recipient's daily digest.
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  INTER_AGENCY_NOTICE_LIMIT = 5;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(10080)
  INTER_AGENCY_NOTICE_WINDOW_MINUTES = 60;
}

/**
 * Validates `process.env` into {@link EnvVars}; throws one line naming every bad variable.
 */
export function validateEnv(raw: Record<string, unknown>): EnvVars {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvVars, '', true, false)
      .map((m) => m.propertyName),
  );
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== '' && value !== undefined) {
      defined[key] = value;
    }
  }
  const env = plainToInstance(EnvVars, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  const problems = errors.map(
    (e) => `${e.property} (${Object.values(e.constraints ?? {}).join('; ')})`,
  );
  problems.push(...missingSecrets(defined));
  if (problems.length > 0) {
    throw new Error(`Invalid environment: ${problems.join(', ')}`);
  }
  // Only the variables Kabinet knows are kept; the rest of the environment is not configuration.
  return Object.fromEntries(Object.entries(env).filter(([key]) => known.has(key))) as EnvVars;
}

// The secrets have development defaults only where NODE_ENV says development or test outright:
// a server started without NODE_ENV must not sign tokens with a secret that is in the source.
function missingSecrets(defined: Record<string, unknown>): string[] {
  if (defined.NODE_ENV === 'development' || defined.NODE_ENV === 'test') {
    return [];
  }
  const problems: string[] = [];
  for (const name of ['JWT_SECRET', 'SECRETS_MASTER_KEY']) {
    if (defined[name] === undefined) {
      problems.push(`${name} (required unless NODE_ENV is development or test)`);
    }
  }
  if (defined.JWT_SECRET !== undefined && defined.JWT_SECRET === defined.SECRETS_MASTER_KEY) {
    problems.push('SECRETS_MASTER_KEY (must differ from JWT_SECRET)');
  }
  return problems;
}

/**
 * The validated environment of this process. Needed before Nest's DI exists (bootstrap, module
 * composition by process role, the TypeORM CLI). Read afresh on every call, never cached: module
 * files are imported before a test or script sets its variables.
 */
export function loadEnv(): EnvVars {
  return validateEnv(process.env);
}
