import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { appConfig } from '../../config/configuration';
import { TokenVerifier } from '../../shared/auth/index';
import type { GraphQLContext } from '../../shared/auth/index';
import {
  ErrorCode,
  formatGraphQLError,
  isInternalError,
  REQUEST_ID,
} from '../../shared/errors/index';
import { parseAndValidateWs } from './graphql-limits';
import { LiveSocketHandle, LiveSockets } from './live-sockets';

const logger = new Logger('GraphQL');

/** What graphql-ws (over `ws`) hands every hook about the connection, plus what we keep on it. */
export interface WsExtra {
  socket: LiveSocketHandle;
  request: { socket?: { remoteAddress?: string }; headers: Record<string, unknown> };
  principal?: GraphQLContext['principal'];
  authorization?: string;
}

type Ctx = WsContext<Record<string, unknown> | undefined, WsExtra>;

interface SubscribePayload {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** graphql-ws drops an `extensions` it did not build: errors are rebuilt from the formatted form. */
function toGraphQLError(f: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(f.message, { extensions: f.extensions });
}

/** Apollo's `hideSchemaDetailsFromClientErrors` for graphql-ws: no "Did you mean …?" hints. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}

/**
 * The graphql-ws server options: the token checked at connect and at every operation, the
 * socket followed by {@link LiveSockets} (closed when its token expires or its right ends), at
 * most `wsMaxSubscriptions` operations at once, the HTTP limits on every operation, no field
 * suggestions in production, and internal errors logged with a request id, never sent.
 */
export function graphqlWsOptions(
  app: ConfigType<typeof appConfig>,
  tokens: TokenVerifier,
  liveSockets: LiveSockets,
  schema: () => GraphQLSchema | undefined,
  extraRules: readonly ValidationRule[],
) {
  const clientMessage = (message: string) =>
    app.production ? withoutSuggestions(message) : message;

  /** Formats result errors for the client; internal ones are logged with the request id first. */
  const formatErrors = (errors: readonly unknown[], requestId: string, operationName?: string) =>
    errors.map((e) => {
      if (isInternalError(e)) {
        const original = unwrapResolverError(e);
        if (original && typeof original === 'object') {
          (original as { [REQUEST_ID]?: string })[REQUEST_ID] = requestId;
        }
        logger.error(
          {
            requestId,
            transport: 'ws',
            operationName,
            path: e instanceof GraphQLError ? e.path : undefined,
            err: original,
          },
          original instanceof Error ? original.stack : String(original),
        );
      }
      const f = formatGraphQLError(
        e instanceof GraphQLError ? e.toJSON() : { message: 'Internal error' },
        e,
      );
      return { ...f, message: clientMessage(f.message) };
    });

  return {
    path: '/graphql',
    connectionInitWaitTimeout: 10_000,
    onConnect: async (ctx: Ctx) => {
      const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      const token = TokenVerifier.bearer(raw) ?? (typeof raw === 'string' ? raw : null);
      if (!token) {
        return false;
      }
      try {
        ctx.extra.principal = await tokens.verify(token);
        ctx.extra.authorization = `Bearer ${token}`;
      } catch {
        return false;
      }
      liveSockets.track(ctx.extra.socket, token, ctx.extra.principal);
      return true;
    },
    onSubscribe: async (ctx: Ctx, _id: string, payload: SubscribePayload) => {
      const current = schema();
      if (!current) {
        return [
          new GraphQLError('Сервер ещё не готов', {
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
          }),
        ];
      }
      // graphql-ws registers the operation before this hook: the count includes it.
      if (Object.keys(ctx.subscriptions).length > app.wsMaxSubscriptions) {
        return [
          new GraphQLError(
            `Слишком много подписок на одном соединении: не более ${app.wsMaxSubscriptions}`,
            {
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                subCode: 'TOO_MANY_SUBSCRIPTIONS',
                limit: app.wsMaxSubscriptions,
              },
            },
          ),
        ];
      }
      // The token and its session (or API client) are checked again for every operation, so
      // an ended session or a revoked client cannot start anything on a socket opened before.
      try {
        ctx.extra.principal = await tokens.verify(
          TokenVerifier.bearer(ctx.extra.authorization) ?? '',
        );
      } catch (error) {
        return [toGraphQLError(formatGraphQLError({ message: 'Unauthenticated' }, error))];
      }
      const result = parseAndValidateWs(current, payload.query, extraRules);
      if ('errors' in result) {
        // graphql-ws sends GraphQLError instances only; they carry the formatted code.
        return result.errors.map((e) => {
          const f = formatGraphQLError(e.toJSON(), e);
          return toGraphQLError({ ...f, message: clientMessage(f.message) });
        });
      }
      return undefined;
    },
    onNext: (
      _ctx: Ctx,
      _id: string,
      payload: SubscribePayload,
      args: { contextValue?: unknown },
      result: { errors?: readonly unknown[] },
    ) => {
      if (!result.errors?.length) {
        return undefined;
      }
      const requestId = String((args.contextValue as GraphQLContext | undefined)?.req?.id ?? '');
      return {
        ...result,
        errors: formatErrors(result.errors, requestId, payload.operationName ?? undefined),
      };
    },
    // An event stream that throws: graphql-ws would send the raw message.
    onError: (
      _ctx: Ctx,
      _id: string,
      payload: SubscribePayload,
      errors: readonly GraphQLError[],
    ) => {
      if (!errors.some((e) => e.originalError)) {
        return undefined;
      }
      return formatErrors(
        errors.map((e) => e.originalError ?? e),
        '',
        payload.operationName ?? undefined,
      );
    },
  };
}
