import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '../errors';
import { AuthPrincipal } from './auth-principal';
import { IS_PUBLIC } from './public.decorator';
import { requestOf } from './request-context';

/**
 * The global guard: every GraphQL operation and REST route needs a valid access token unless it
 * is marked `@Public()`. Over graphql-ws the token comes from connectionParams (the context puts
 * it into a synthetic request), so both transports go through the same passport strategy.
 */
@Injectable()
export class GqlAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = requestOf(context);
    if (req.user) {
      return true;
    }
    if (isPublic && !req.headers?.authorization) {
      return true;
    }
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (isPublic) {
        // A stale token on a public operation is ignored rather than refused.
        req.user = undefined;
        return true;
      }
      throw error;
    }
  }

  override handleRequest<T = AuthPrincipal>(error: unknown, user: T | false, info: unknown): T {
    // passport-jwt reports a bad token through `info`; an error is Kabinet's own check refusing
    // (an AppException) or failing (the session could not be read: the database is away). The
    // latter is an internal error, not a reason to send the user to sign in again.
    if (error instanceof Error) {
      throw error;
    }
    if (error || !user) {
      const expired = (info as { name?: string } | undefined)?.name === 'TokenExpiredError';
      throw AppException.unauthenticated(
        expired ? 'Сеанс истёк, обновите токен или войдите снова' : 'Требуется вход в систему',
        expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
      );
    }
    return user;
  }
}
