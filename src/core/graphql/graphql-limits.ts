import { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';

/** Limits on one GraphQL operation, the same over HTTP and graphql-ws. */
export const GRAPHQL_LIMITS = {
  // Counts every field, introspection included; the standard introspection query needs 13.
  maxDepth: 15,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 5000,
  maxCost: 20000,
  maxQueryBytes: 64 * 1024,
} as const;

// Armor's Apollo defaults report rejections as ordinary validation errors (not thrown), so both
// transports answer GRAPHQL_VALIDATION_FAILED with the rule's message.
const armor = new ApolloArmor({
  maxDepth: {
    n: GRAPHQL_LIMITS.maxDepth,
    ignoreIntrospection: false,
    flattenFragments: true,
  },
  maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
  maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
  // Tokens are limited by the parser itself (Apollo `parseOptions`), so syntax errors keep
  // Apollo's GRAPHQL_PARSE_FAILED code.
  maxTokens: { enabled: false },
  costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
  blockFieldSuggestion: { enabled: false },
}).protect();

const TOO_LARGE = `Запрос слишком большой: не более ${GRAPHQL_LIMITS.maxQueryBytes} байт текста операции`;

// A bound on the operation text itself (a single huge string literal is one token).
const maxQuerySizeRule: ValidationRule = (context) => {
  const body = context.getDocument().loc?.source.body ?? '';
  if (Buffer.byteLength(body) > GRAPHQL_LIMITS.maxQueryBytes) {
    context.reportError(new GraphQLError(TOO_LARGE));
  }
  return {};
};

/** Validation rules added to the standard ones (HTTP: Apollo's `validationRules`). */
export const LIMIT_VALIDATION_RULES: ValidationRule[] = [
  maxQuerySizeRule,
  ...armor.validationRules,
];

/** Options for graphql-js `parse`, the same for both transports. */
export const PARSE_OPTIONS = { maxTokens: GRAPHQL_LIMITS.maxTokens };

/** Apollo plugins of the limits (armor's own). */
export function limitPlugins(): ApolloServerPlugin[] {
  return armor.plugins;
}

/**
 * Parses and validates an operation received over graphql-ws with exactly the limits the HTTP
 * endpoint applies (graphql-ws otherwise runs only the standard rules, and runs queries and
 * mutations too). Returns the document, or the errors to send back.
 */
export function parseAndValidateWs(
  schema: GraphQLSchema,
  query: string,
  extraRules: readonly ValidationRule[] = [],
): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  // Same order as Apollo: parse (token limit), then validate (size, depth, aliases...).
  let document: DocumentNode;
  try {
    document = parse(query, PARSE_OPTIONS);
  } catch (error) {
    const e = error instanceof GraphQLError ? error : new GraphQLError(String(error));
    return {
      errors: [new GraphQLError(e.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })],
    };
  }
  const errors = validate(schema, document, [
    ...specifiedRules,
    ...LIMIT_VALIDATION_RULES,
    ...extraRules,
  ]).map(
    (e) =>
      new GraphQLError(e.message, {
        nodes: e.nodes,
        extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
  );
  return errors.length > 0 ? { errors } : { document };
}
