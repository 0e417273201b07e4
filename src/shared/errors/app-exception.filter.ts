import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code';

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PROFILE_INCOMPLETE: 422,
  ORGANIZATION_CONTEXT_REQUIRED: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_SERVER_ERROR: 500,
};

/**
 * GraphQL errors are handed back to Apollo untouched (its formatError and the error-logging
 * plugin deal with them). REST routes answer AppExceptions as `{ error: { code, subCode, message } }`
 * with the matching HTTP status, and anything unexpected as a generic 500 logged with the request id.
 */
@Catch()
export class AppExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('HTTP');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') {
      return exception;
    }
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string }>();
    if (exception instanceof AppException) {
      const e = exception as AppException;
      if (e.code === ErrorCode.RATE_LIMITED && e.extras.retryAfterSeconds) {
        res.setHeader('Retry-After', String(e.extras.retryAfterSeconds));
      }
      res.status(HTTP_STATUS[e.code]).json({
        error: {
          code: e.code,
          subCode: e.subCode,
          message: e.message,
          ...e.extras,
        },
      });
      return undefined;
    }
    if (exception instanceof HttpException) {
      super.catch(exception, host);
      return undefined;
    }
    this.logger.error({ requestId: req.id, err: exception }, 'Unhandled error');
    res.status(500).json({
      error: {
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        message: 'Внутренняя ошибка сервера',
        requestId: req.id,
      },
    });
    return undefined;
  }
}
