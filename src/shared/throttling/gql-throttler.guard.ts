import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { OperationTypeNode } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AppException } from '../errors';
import type { GraphQLContext } from '../auth';

const NO_HEADERS = { header: () => undefined, setHeader: () => undefined };

/**
 * @nestjs/throttler for GraphQL over HTTP and graphql-ws: request and response come from the
 * GraphQL context (graphql-ws has no response, so headers go nowhere), subscriptions are not
 * counted (a long-lived stream is one operation), and an exceeded limit is RATE_LIMITED with
 * `retryAfterSeconds`. It runs after the auth guard, so callers are tracked by verified identity.
 */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    if (context.getType<GqlContextType>() !== 'graphql') {
      return super.getRequestResponse(context);
    }
    const ctx = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    return {
      req: ctx.req as unknown as Record<string, unknown>,
      res: (ctx.transport === 'http' && ctx.res ? ctx.res : NO_HEADERS) as Record<string, unknown>,
    };
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
      return Promise.resolve(info.operation.operation === OperationTypeNode.SUBSCRIPTION);
    }
    return Promise.resolve(false);
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw AppException.rateLimited(Math.max(1, detail.timeToBlockExpire || detail.timeToExpire));
  }
}
