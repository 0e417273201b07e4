import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TokenVerifier } from '../../shared/auth';
import { AppException, ErrorCode } from '../../shared/errors';
import { PlatformRole, PlatformRolesService } from '../platform-roles';

/**
 * Only PLATFORM_ADMIN reaches the queue dashboard: 401 without a valid token, 403 without the role,
 * 500 (logged with the request id) when the check itself fails, e.g. with the database away. The
 * check never rejects: a rejection here would be unhandled and stop the API process.
 */
@Injectable()
export class QueueDashboardAccessMiddleware implements NestMiddleware {
  private readonly logger = new Logger(QueueDashboardAccessMiddleware.name);

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly roles: PlatformRolesService,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const verdict = await this.check(req);
      if (verdict === 'ok') {
        next();
      } else if (verdict === ErrorCode.UNAUTHENTICATED) {
        res
          .status(401)
          .setHeader('WWW-Authenticate', 'Bearer')
          .json({ error: { code: verdict } });
      } else {
        res.status(403).json({ error: { code: verdict } });
      }
    } catch (error) {
      // Mounted ahead of the request logger: the id is made here when the request has none.
      const known = (req as { id?: unknown }).id;
      const requestId = typeof known === 'string' ? known : randomUUID();
      this.logger.error({ err: error, requestId }, 'queue dashboard access check failed');
      if (!res.headersSent) {
        res.setHeader('X-Request-Id', requestId);
        res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId } });
      }
    }
  }

  private async check(
    req: Request,
  ): Promise<'ok' | ErrorCode.UNAUTHENTICATED | ErrorCode.FORBIDDEN> {
    const token = TokenVerifier.bearer(req.headers.authorization);
    if (!token) {
      return ErrorCode.UNAUTHENTICATED;
    }
    let userId: string | null;
    try {
      userId = (await this.tokens.verify(token)).userId;
    } catch (error) {
      // A refused token is a 401; a check that could not run (the database away) is not.
      if (error instanceof AppException && error.code === ErrorCode.UNAUTHENTICATED) {
        return ErrorCode.UNAUTHENTICATED;
      }
      throw error;
    }
    if (!userId) {
      return ErrorCode.UNAUTHENTICATED;
    }
    return (await this.roles.hasRole(userId, PlatformRole.PLATFORM_ADMIN))
      ? 'ok'
      : ErrorCode.FORBIDDEN;
  }
}
