import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';

// Personal data and secrets never reach the log, wherever they appear in a logged object.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.code',
  '*.phone',
  '*.email',
  '*.snils',
  '*.passport',
  '*.securityAnswer',
  'variables',
  '*.variables',
];

// Personal numbers by value, wherever they appear inside a string: any run of 10 to 19 digits,
// single separators (space, hyphen, parentheses) allowed, optionally after a "+". That covers
// SNILS (123-456-789 01), phones (+7 (916) 123-45-67, 89161234567), passports (45 06 123456) and
// card numbers. A digit run right after a JSON escape (\n) counts as standing alone.
const PERSONAL_NUMBER = /(?:(?<![0-9A-Za-z_])|(?<=\\[nrt]))\+?\d(?:[\s()-]{0,2}\d){9,18}(?!\d)/g;
// A JSON string literal of a serialized log line.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
const MASK = '[redacted]';

/** Replaces personal numbers inside a string. */
export function redactPersonalNumbers(text: string): string {
  return text.replace(PERSONAL_NUMBER, MASK);
}

/**
 * Redacts personal numbers inside every string of a serialized JSON log line (message, error,
 * any field at any depth); numbers outside strings, keys' structure and the JSON stay as they are.
 */
export function redactLogLine(line: string): string {
  return line.replace(JSON_STRING, (literal) =>
    /\d/.test(literal) ? redactPersonalNumbers(literal) : literal,
  );
}

/** The logged URL: GET /graphql carries the operation and its variables in the query string. */
export function loggedUrl(url: string): string {
  if (typeof url !== 'string') {
    return url;
  }
  const [path, query] = url.split('?', 2);
  return query !== undefined && /^\/graphql\/?$/.test(path) ? `${path}?${MASK}` : url;
}

/** nestjs-pino: JSON lines with a request id per request, personal data redacted. */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: { paths: REDACT, censor: MASK },
      // By value as well as by key: the last step before a line is written.
      hooks: { streamWrite: redactLogLine },
      // The id is echoed in X-Request-Id and in INTERNAL_SERVER_ERROR extensions, so a user's
      // support ticket leads straight to the log lines of that request.
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const header = req.headers['x-request-id'];
        const id =
          typeof header === 'string' && /^[\w-]{8,64}$/.test(header) ? header : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // On every line, bound once: pino-http's customProps cost a child logger and a
      // serialization per request, twice, even when the line is below the level.
      base: { pid: process.pid, hostname: hostname(), service: 'kabinet' },
      autoLogging: {
        ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: loggedUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
  };
}

/**
 * Pino's error serializer, with an error's own `code` (ER_NO_SUCH_TABLE, ECONNREFUSED) logged as
 * `errorCode`: under `code` the redaction meant for one-time codes would hide it. pino-http hands
 * it the error already serialized (the original stays reachable as `raw`); pino, the error itself.
 */
export function serializeError(value: unknown): unknown {
  const serialized =
    value instanceof Error
      ? (stdSerializers.err(value) as unknown as Record<string, unknown>)
      : (value as Record<string, unknown> | null);
  const isError = value instanceof Error || serialized?.raw instanceof Error;
  if (!isError || !serialized) {
    return serialized;
  }
  // A copy keeps the enumerable fields only, as pino would have written them.
  const { code, ...rest } = serialized;
  const out: Record<string, unknown> = code === undefined ? rest : { ...rest, errorCode: code };
  return isDatabaseError(out) ? withoutSqlValues(out) : out;
}

// mysql2 errors (and TypeORM's QueryFailedError around them) carry the statement's values: in
// `parameters`, in `sql` (the statement with values inlined) and quoted in the message
// ("Duplicate entry '+79161234567' for key …").
function isDatabaseError(e: Record<string, unknown>): boolean {
  return 'sqlMessage' in e || 'sqlState' in e || 'driverError' in e || 'parameters' in e;
}

function withoutQuotedValues(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/'(?:[^'\\]|\\.)*'/g, "'?'") : text;
}

function withoutSqlValues(e: Record<string, unknown>): Record<string, unknown> {
  const { parameters: _p, sql: _s, driverError, ...rest } = e;
  const out: Record<string, unknown> = {
    ...rest,
    message: withoutQuotedValues(rest.message),
    stack: withoutQuotedValues(rest.stack),
  };
  if ('sqlMessage' in rest) {
    out.sqlMessage = withoutQuotedValues(rest.sqlMessage);
  }
  if (driverError && typeof driverError === 'object') {
    const d = driverError as Record<string, unknown>;
    out.driverError = { errno: d.errno, sqlState: d.sqlState, errorCode: d.code };
  }
  return out;
}
