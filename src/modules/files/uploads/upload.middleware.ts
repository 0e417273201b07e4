import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.mjs';
import { reportsConfig } from '../../../config/configuration';
import { AppException, ErrorCode } from '../../../shared/errors/index';
import { TokenVerifier } from '../../../shared/auth/index';
import type { AuthPrincipal } from '../../../shared/auth/index';
import { CapacitorPool } from './upload-capacitor';
import { UPLOAD_PERMISSION } from './upload-permission';
import type { UploadPermission } from './upload-permission';

// A report of a few hundred rows stays in memory on its way to storage; a bigger one, or one
// arriving while the process already holds this much, goes through a temporary file.
// `createCapacitor` is what patches/graphql-upload+17.1.0.patch adds to graphql-upload. Both
// earn their place behind nginx (deploy/nginx.conf), 200-upload bursts A/B on 2026-12-08
// (docs/scaling.md, «A/B behind nginx»): without them p99 504 / 461 ms against 291 / 300 ms, and
// the API's other threads ran 217 / 353 against 137 / 117 ms of CPU per burst.
const UPLOAD_MEMORY = { perFile: 1024 * 1024, total: 64 * 1024 * 1024 };

function refuse(
  res: Response,
  status: number,
  code: ErrorCode | 'BAD_REQUEST',
  message: string,
  extensions: { subCode?: string; requestId?: string } = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * GraphQL multipart uploads. CSRF prevention, authentication and the permission to upload at all
 * ({@link UploadPermission}: who may submit a report) are checked before a byte of the body is
 * read, so an anonymous, cross-site or merely signed-in request cannot make the server spool a
 * file; the size limit is enforced while streaming.
 */
@Injectable()
export class UploadMiddleware implements NestMiddleware {
  private readonly logger = new Logger(UploadMiddleware.name);
  private readonly upload;
  private readonly capacitors = new CapacitorPool(UPLOAD_MEMORY);

  constructor(
    @Inject(reportsConfig.KEY) config: ConfigType<typeof reportsConfig>,
    private readonly tokens: TokenVerifier,
    @Inject(UPLOAD_PERMISSION) private readonly permission: UploadPermission,
  ) {
    this.upload = graphqlUploadExpress({
      maxFileSize: config.maxBytes,
      maxFiles: 1,
      maxFieldSize: 1_000_000,
      createCapacitor: () => this.capacitors.create(),
    });
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (!req.is('multipart/form-data')) {
      next();
      return;
    }
    if (!req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name']) {
      refuse(
        res,
        400,
        'BAD_REQUEST',
        'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). ' +
          'Send the header Apollo-Require-Preflight: true with multipart requests.',
      );
      return;
    }
    const token = TokenVerifier.bearer(req.headers.authorization);
    if (!token) {
      refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Требуется вход в систему', {
        subCode: 'TOKEN_INVALID',
      });
      return;
    }
    let principal: AuthPrincipal;
    try {
      // The guard takes the principal from here instead of verifying the token a second time.
      principal = await this.tokens.verify(token);
      req.user = principal;
    } catch (error) {
      if (!(error instanceof AppException)) {
        // The session could not be checked (the database is away): not the caller's fault.
        this.internalError(req, res, error, 'upload refused: token not checked');
        return;
      }
      // As the GraphQL answer would say it: an ended session, an expired or invalid token.
      const refused = error as AppException;
      refuse(res, 401, refused.code, refused.message, { subCode: refused.subCode });
      return;
    }
    try {
      await this.permission.check(principal);
    } catch (error) {
      if (!(error instanceof AppException)) {
        this.internalError(req, res, error, 'upload refused: permission not checked');
        return;
      }
      // As the operation would answer: signed in, but not allowed to submit.
      const refused = error as AppException;
      refuse(res, 403, refused.code, refused.message, { subCode: refused.subCode });
      return;
    }
    this.upload(req, res, next);
  }

  private internalError(req: Request, res: Response, error: unknown, message: string): void {
    const requestId = (req as Request & { id?: string }).id;
    this.logger.error({ requestId, err: error }, message);
    refuse(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Внутренняя ошибка сервера', {
      requestId,
    });
  }
}
