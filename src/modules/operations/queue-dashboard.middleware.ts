import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TokenVerifier } from '../../shared/auth';
import { PlatformRole, PlatformRolesService } from '../platform-roles';

/** Only PLATFORM_ADMIN reaches the queue dashboard: 401 without a valid token, 403 without the role. */
@Injectable()
export class QueueDashboardAccessMiddleware implements NestMiddleware {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly roles: PlatformRolesService,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const token = TokenVerifier.bearer(req.headers.authorization);
    const userId = token
      ? await this.tokens.verify(token).then(
          (p) => p.userId,
          () => null,
        )
      : null;
    if (!userId) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .json({ error: { code: 'UNAUTHENTICATED' } });
      return;
    }
    if (!(await this.roles.hasRole(userId, PlatformRole.PLATFORM_ADMIN))) {
      res.status(403).json({ error: { code: 'FORBIDDEN' } });
      return;
    }
    next();
  }
}
