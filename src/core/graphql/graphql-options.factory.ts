import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { ConfigType } from '@nestjs/config';
import { GraphQLEnumType, GraphQLSchema, NoSchemaIntrospectionCustomRule } from 'graphql';
import { randomUUID } from 'node:crypto';
import { appConfig } from '../../config/configuration';
import { ErrorCode } from '../../shared/errors/index';
import { TokenVerifier } from '../../shared/auth/index';
import type { GraphQLContext } from '../../shared/auth/index';
import { LIMIT_VALIDATION_RULES, limitPlugins, PARSE_OPTIONS } from './graphql-limits';
import { formatGraphQLError } from '../../shared/errors/index';
import { graphqlWsOptions, WsExtra } from './graphql-ws.options';
import { LiveSockets } from './live-sockets';
import { graphqlMetricsPlugin } from '../metrics/graphql-metrics.plugin';
import { errorLoggingPlugin } from './error-logging.plugin';
import { RequestLoaders } from '../../shared/graphql/request-loaders';

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
  liveSockets: LiveSockets,
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
    context: (arg: { req?: GraphQLContext['req']; res?: unknown; extra?: WsExtra }) => {
      if (arg.extra) {
        // graphql-ws: a synthetic request per operation carries the connection's token and its
        // own id, so an internal error is logged and answered with an id like over HTTP.
        const headers = { authorization: arg.extra.authorization };
        const req = {
          id: randomUUID(),
          headers,
          user: arg.extra.principal ?? null,
          ip: arg.extra.request.socket?.remoteAddress,
        };
        return { req, transport: 'ws', loaders: loaders.create() };
      }
      return { req: arg.req, res: arg.res, transport: 'http', loaders: loaders.create() };
    },
    subscriptions: {
      'graphql-ws': graphqlWsOptions(app, tokens, liveSockets, () => schemaRef, introspectionRules),
    },
  } as ApolloDriverConfig;
}
