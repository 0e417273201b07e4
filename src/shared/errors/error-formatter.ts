import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code';

// Codes Apollo itself assigns to malformed operations; they are safe and kept as they are.
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.RATE_LIMITED,
};

const GENERIC_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.UNAUTHENTICATED]: 'Требуется вход в систему',
  [ErrorCode.FORBIDDEN]: 'Недостаточно прав',
  [ErrorCode.NOT_FOUND]: 'Не найдено',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'Файл слишком большой',
  [ErrorCode.BAD_USER_INPUT]: 'Проверьте введённые данные',
};

/** Marks an error with the id of the request it happened in, for the client's support ticket. */
export const REQUEST_ID = Symbol('requestId');

/** Whether an error is internal: everything not meant for a client. */
export function isInternalError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppException) {
    return false;
  }
  if (original instanceof HttpException || hasStatus(original)) {
    return statusOf(original) >= 500;
  }
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    return !(typeof code === 'string' && (APOLLO_CODES.has(code) || code === 'BAD_USER_INPUT'));
  }
  return true;
}

function hasStatus(error: unknown): error is { status: number; message: string } {
  return typeof (error as { status?: unknown })?.status === 'number';
}

function statusOf(error: HttpException | { status: number }): number {
  return error instanceof HttpException ? error.getStatus() : error.status;
}

/**
 * Apollo `formatError`: every error leaves with `extensions.code` from {@link ErrorCode} (or one of
 * Apollo's codes for malformed operations) and nothing internal: no stack, SQL or driver message.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const original = unwrapResolverError(error);

  if (original instanceof AppException) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        subCode: original.subCode ?? original.code,
        ...original.extras,
      },
    };
  }
  if (original instanceof HttpException || hasStatus(original)) {
    const status = statusOf(original);
    const code = STATUS_CODES[status];
    if (code) {
      return {
        ...base,
        message: GENERIC_MESSAGES[code] ?? base.message,
        extensions: { code, subCode: code },
      };
    }
  }
  const apolloCode = formatted.extensions?.code;
  if (
    typeof apolloCode === 'string' &&
    (APOLLO_CODES.has(apolloCode) || apolloCode === 'BAD_USER_INPUT')
  ) {
    return { ...base, extensions: { code: apolloCode } };
  }
  const requestId = (original as { [REQUEST_ID]?: string } | undefined)?.[REQUEST_ID];
  return {
    message: 'Внутренняя ошибка сервера. Если она повторяется, сообщите в поддержку код запроса.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      subCode: ErrorCode.INTERNAL_SERVER_ERROR,
      requestId,
    },
  };
}
