import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppException } from '../../../shared/errors/index';
import type { TokenVerifier } from '../../../shared/auth/index';
import { UploadMiddleware } from './upload.middleware';

function multipart(headers: Record<string, string>): Request {
  return {
    headers: { 'apollo-require-preflight': 'true', ...headers },
    is: (type: string) => type === 'multipart/form-data',
  } as unknown as Request;
}

function response() {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe(UploadMiddleware.name, () => {
  let verify: jest.Mock;
  let check: jest.Mock;
  let middleware: UploadMiddleware;
  const next = jest.fn() as unknown as NextFunction;

  beforeEach(() => {
    verify = jest.fn();
    check = jest.fn();
    middleware = new UploadMiddleware(
      { maxBytes: 1000 } as never,
      {
        verify,
      } as unknown as TokenVerifier,
      { check },
    );
  });

  afterEach(() => jest.restoreAllMocks());

  it('should answer a missing token before reading the body', async () => {
    const { res, sent } = response();

    await middleware.use(multipart({}), res, next);

    expect(sent).toEqual({
      status: 401,
      body: {
        errors: [
          {
            message: 'Требуется вход в систему',
            extensions: { code: 'UNAUTHENTICATED', subCode: 'TOKEN_INVALID' },
          },
        ],
      },
    });
    expect(verify).not.toHaveBeenCalled();
  });

  it('should answer a refused token with its own reason, as the GraphQL answer would', async () => {
    verify.mockRejectedValue(
      AppException.unauthenticated('Сеанс завершён, войдите снова', 'SESSION_ENDED'),
    );
    const { res, sent } = response();

    await middleware.use(multipart({ authorization: 'Bearer t' }), res, next);

    expect(sent.status).toBe(401);
    expect(sent.body).toEqual({
      errors: [
        {
          message: 'Сеанс завершён, войдите снова',
          extensions: { code: 'UNAUTHENTICATED', subCode: 'SESSION_ENDED' },
        },
      ],
    });
  });

  it('should answer INTERNAL_SERVER_ERROR, not a sign-in failure, when the session cannot be checked', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    verify.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:3306'));
    const { res, sent } = response();
    const req = Object.assign(multipart({ authorization: 'Bearer t' }), { id: 'req-1' });

    await middleware.use(req, res, next);

    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      errors: [
        {
          message: 'Внутренняя ошибка сервера',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' },
        },
      ],
    });
    expect(logged).toHaveBeenCalled();
    expect(next).not.toHaveBeenCalled();
  });

  it('should refuse a signed-in caller who may not upload before reading the body', async () => {
    const principal = { kind: 'user', userId: 'u-1' };
    verify.mockResolvedValue(principal);
    check.mockRejectedValue(
      AppException.forbidden('Нет доступа к этой услуге: обратитесь к руководителю организации'),
    );
    const { res, sent } = response();
    const req = multipart({ authorization: 'Bearer t' });

    await middleware.use(req, res, next);

    expect(check).toHaveBeenCalledWith(principal);
    expect(sent).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message: 'Нет доступа к этой услуге: обратитесь к руководителю организации',
            extensions: { code: 'FORBIDDEN', subCode: 'FORBIDDEN' },
          },
        ],
      },
    });
    expect(next).not.toHaveBeenCalled();
  });

  it('should answer INTERNAL_SERVER_ERROR when the permission cannot be checked', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    verify.mockResolvedValue({ kind: 'user', userId: 'u-1' });
    check.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:3306'));
    const { res, sent } = response();
    const req = Object.assign(multipart({ authorization: 'Bearer t' }), { id: 'req-2' });

    await middleware.use(req, res, next);

    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      errors: [
        {
          message: 'Внутренняя ошибка сервера',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-2' },
        },
      ],
    });
    expect(logged).toHaveBeenCalled();
    expect(next).not.toHaveBeenCalled();
  });
});
