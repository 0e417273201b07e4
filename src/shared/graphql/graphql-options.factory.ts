import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { ConfigType } from '@nestjs/config';
import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
} from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { appConfig } from '../../config/configuration';
import { ErrorCode, formatGraphQLError } from '../errors';
import { TokenVerifier } from '../auth';
import type { GraphQLContext } from '../auth';
import {
  LIMIT_VALIDATION_RULES,
  limitPlugins,
  PARSE_OPTIONS,
  parseAndValidateWs,
} from './graphql-limits';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin';
import { errorLoggingPlugin } from './error-logging.plugin';
import { RequestLoaders } from './request-loaders';

interface WsExtra {
  request: { socket?: { remoteAddress?: string }; headers: Record<string, unknown> };
  principal?: GraphQLContext['principal'];
  authorization?: string;
}

// The contract names ErrorCode; no field returns it, so it is added to the schema explicitly.
function withErrorCodeEnum(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getType('ErrorCode')) {
    return schema;
  }
  const errorCode = new GraphQLEnumType({
    name: 'ErrorCode',
    description:
      'The `extensions.code` of an error. Clients branch on it (and on `extensions.subCode`), never on the message.',
    values: Object.fromEntries(Object.values(ErrorCode).map((v) => [v, { value: v }])),
  });
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, errorCode] });
}

/** The Apollo driver configuration: schema generation, limits, errors, auth over both transports. */
export function graphqlOptionsFactory(
  app: ConfigType<typeof appConfig>,
  tokens: TokenVerifier,
  loaders: RequestLoaders,
): ApolloDriverConfig {
  let schemaRef: GraphQLSchema | undefined;
  const introspectionRules = app.introspection ? [] : [NoSchemaIntrospectionCustomRule];
  return {
    autoSchemaFile: app.schemaFile ?? true,
    sortSchema: true,
    transformSchema: (schema: GraphQLSchema) => {
      schemaRef = withErrorCodeEnum(schema);
      return schemaRef;
    },
    transformAutoSchemaFile: true,
    path: '/graphql',
    playground: false,
    // Introspection is refused by one validation rule on both transports (Apollo's own switch
    // would not apply to graphql-ws).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: app.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: formatGraphQLError,
    validationRules: [...LIMIT_VALIDATION_RULES, ...introspectionRules],
    parseOptions: PARSE_OPTIONS,
    plugins: [
      errorLoggingPlugin,
      graphqlMetricsPlugin,
      ...limitPlugins(),
      ...(app.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    buildSchemaOptions: { dateScalarMode: 'isoDate', numberScalarMode: 'float' },
    context: (
      arg: { req?: GraphQLContext['req']; res?: unknown; extra?: WsExtra } & Partial<WsContext>,
    ) => {
      if (arg.extra) {
        // graphql-ws: a synthetic request per operation carries the connection's token.
        const headers = { authorization: arg.extra.authorization };
        const req = {
          headers,
          user: arg.extra.principal ?? null,
          ip: arg.extra.request.socket?.remoteAddress,
        };
        return { req, transport: 'ws', loaders: loaders.create() };
      }
      return { req: arg.req, res: arg.res, transport: 'http', loaders: loaders.create() };
    },
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        connectionInitWaitTimeout: 10_000,
        onConnect: async (ctx: WsContext<Record<string, unknown> | undefined, WsExtra>) => {
          const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
          const token = TokenVerifier.bearer(raw) ?? (typeof raw === 'string' ? raw : null);
          if (!token) {
            return false;
          }
          try {
            ctx.extra.principal = await tokens.verify(token);
            ctx.extra.authorization = `Bearer ${token}`;
            return true;
          } catch {
            return false;
          }
        },
        onSubscribe: async (
          ctx: WsContext<Record<string, unknown> | undefined, WsExtra>,
          _id: string,
          payload: {
            query: string;
            variables?: Record<string, unknown> | null;
            operationName?: string | null;
          },
        ) => {
          if (!schemaRef) {
            return [
              new GraphQLError('Сервер ещё не готов', {
                extensions: { code: 'INTERNAL_SERVER_ERROR' },
              }),
            ];
          }
          // The token and its session (or API client) are checked again for every operation, so
          // an ended session or a revoked client cannot start anything on a socket opened before.
          try {
            ctx.extra.principal = await tokens.verify(
              TokenVerifier.bearer(ctx.extra.authorization) ?? '',
            );
          } catch (error) {
            const f = formatGraphQLError({ message: 'Unauthenticated' }, error);
            return [new GraphQLError(f.message, { extensions: f.extensions })];
          }
          const result = parseAndValidateWs(schemaRef, payload.query, introspectionRules);
          if ('errors' in result) {
            // graphql-ws sends GraphQLError instances only; they carry the formatted code.
            return result.errors.map((e) => {
              const f = formatGraphQLError(e.toJSON(), e);
              return new GraphQLError(f.message, { extensions: f.extensions });
            });
          }
          return undefined;
        },
        onNext: (
          _ctx: WsContext,
          _id: string,
          _payload: unknown,
          _args: unknown,
          result: { errors?: readonly unknown[] },
        ) => {
          if (result.errors?.length) {
            return {
              ...result,
              errors: result.errors.map((e) =>
                formatGraphQLError(
                  e instanceof GraphQLError ? e.toJSON() : { message: 'Internal error' },
                  e,
                ),
              ),
            };
          }
          return undefined;
        },
      },
    },
  } as ApolloDriverConfig;
}
