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

/** nestjs-pino: JSON lines with a request id per request, personal data redacted. */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
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
          url: req.url,
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
function serializeError(value: unknown): unknown {
  const serialized =
    value instanceof Error
      ? (stdSerializers.err(value) as unknown as Record<string, unknown>)
      : (value as Record<string, unknown> | null);
  const isError = value instanceof Error || serialized?.raw instanceof Error;
  if (!isError || serialized?.code === undefined) {
    return serialized;
  }
  // A copy keeps the enumerable fields only, as pino would have written them.
  const { code, ...rest } = serialized;
  return { ...rest, errorCode: code };
}
