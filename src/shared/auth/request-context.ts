import { ExecutionContext } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { AuthPrincipal } from './auth-principal';

/** What every GraphQL resolver gets as its context, over HTTP and graphql-ws alike. */
export interface GraphQLContext {
  req: Omit<Request, 'user'> & { user?: AuthPrincipal | null; id?: string | number };
  res?: unknown;
  principal?: AuthPrincipal | null;
  loaders?: unknown;
  transport: 'http' | 'ws';
}

/** The request (real for HTTP, synthetic for graphql-ws) behind any execution context. */
export function requestOf(context: ExecutionContext): GraphQLContext['req'] {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GraphQLContext>().req;
  }
  return context.switchToHttp().getRequest<GraphQLContext['req']>();
}
