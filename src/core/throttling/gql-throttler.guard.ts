import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { ThrottlerGenerateKeyFunction, ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { OperationTypeNode } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AppException } from '../../shared/errors/index';
import type { GraphQLContext } from '../../shared/auth/index';

const NO_HEADERS = { header: () => undefined, setHeader: () => undefined };

// The metadata keys of @nestjs/throttler's decorators (@SkipThrottle, @Throttle), per throttler.
const META = {
  skip: 'THROTTLER:SKIP',
  limit: 'THROTTLER:LIMIT',
  ttl: 'THROTTLER:TTL',
  blockDuration: 'THROTTLER:BLOCK_DURATION',
  tracker: 'THROTTLER:TRACKER',
  keyGenerator: 'THROTTLER:KEY_GENERATOR',
} as const;

type Resolvable = number | ((context: ExecutionContext) => number | Promise<number>) | undefined;

async function numberOf(context: ExecutionContext, value: Resolvable, option: string) {
  const resolved = typeof value === 'function' ? await value(context) : value;
  if (typeof resolved !== 'number' || Number.isNaN(resolved)) {
    throw new Error(`Invalid throttler ${option}: ${JSON.stringify(resolved)}`);
  }
  return resolved;
}

/**
 * @nestjs/throttler for GraphQL over HTTP and graphql-ws: request and response come from the
 * GraphQL context (graphql-ws has no response, so headers go nowhere), subscriptions are not
 * counted (a long-lived stream is one operation), and an exceeded limit is RATE_LIMITED with
 * `retryAfterSeconds`. It runs after the auth guard, so callers are tracked by verified identity.
 */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  /**
   * The library's canActivate asks Redis once per throttler, one after the other. Here every
   * throttler's counter is asked at once, so the storage's connection (auto-pipelined) sends them
   * in one write: one round trip per operation instead of three. A request over one limit still
   * counts against the others, as it reached the server.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.shouldSkip(context)) {
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    const meta = <T>(key: string, name: string) =>
      this.reflector.getAllAndOverride<T | undefined>(key + name, targets);
    const checks = this.throttlers.map(async (throttler) => {
      // onModuleInit names every throttler ('default' when unnamed).
      const name = throttler.name!;
      const skipIf = throttler.skipIf ?? this.commonOptions.skipIf;
      if (meta<boolean>(META.skip, name) || skipIf?.(context)) {
        return true;
      }
      const ttl = await numberOf(context, meta<Resolvable>(META.ttl, name) ?? throttler.ttl, 'ttl');
      return this.handleRequest({
        context,
        throttler,
        ttl,
        limit: await numberOf(
          context,
          meta<Resolvable>(META.limit, name) ?? throttler.limit,
          'limit',
        ),
        blockDuration: await numberOf(
          context,
          meta<Resolvable>(META.blockDuration, name) ?? throttler.blockDuration ?? ttl,
          'blockDuration',
        ),
        getTracker: (meta<ThrottlerGetTrackerFunction>(META.tracker, name) ??
          throttler.getTracker ??
          this.commonOptions.getTracker)!,
        generateKey: (meta<ThrottlerGenerateKeyFunction>(META.keyGenerator, name) ??
          throttler.generateKey ??
          this.commonOptions.generateKey)!,
      });
    });
    return (await Promise.all(checks)).every(Boolean);
  }

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
