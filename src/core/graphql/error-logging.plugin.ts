import { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { isInternalError, REQUEST_ID } from '../../shared/errors/index';
import type { GraphQLContext } from '../../shared/auth/index';

const logger = new Logger('GraphQL');

/**
 * Logs every internal error with the request id server-side and tags it with that id, so the
 * client gets a generic message plus an id support can find in the log.
 */
export const errorLoggingPlugin: ApolloServerPlugin<GraphQLContext> = {
  // eslint-disable-next-line @typescript-eslint/require-await
  async requestDidStart() {
    return {
      // eslint-disable-next-line @typescript-eslint/require-await
      async didEncounterErrors({ errors, contextValue, operationName }) {
        const requestId = String(contextValue.req?.id ?? '');
        for (const error of errors) {
          if (!isInternalError(error)) {
            continue;
          }
          const original = unwrapResolverError(error);
          if (original && typeof original === 'object') {
            (original as { [REQUEST_ID]?: string })[REQUEST_ID] = requestId;
          }
          logger.error(
            { requestId, operationName, path: error.path, err: original },
            original instanceof Error ? original.stack : String(original),
          );
        }
      },
    };
  },
};
