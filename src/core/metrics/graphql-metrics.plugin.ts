import { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { graphqlDuration, graphqlErrors } from './metrics';

/** Times every GraphQL operation by type and first root field, and counts its errors by code. */
export const graphqlMetricsPlugin: ApolloServerPlugin = {
  // eslint-disable-next-line @typescript-eslint/require-await
  async requestDidStart() {
    const started = process.hrtime.bigint();
    return {
      // eslint-disable-next-line @typescript-eslint/require-await
      async willSendResponse({ operation, errors }) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // Labels are bounded: the first root field only (a name the schema has, since the
        // operation passed validation), and every refused operation (parse or validation
        // failure, unknown operation name) under one label, whatever the client sent.
        const first = operation?.selectionSet.selections[0];
        graphqlDuration.observe(
          {
            type: operation?.operation ?? 'refused',
            field: !operation ? 'refused' : first?.kind === Kind.FIELD ? first.name.value : '…',
            outcome: errors?.length ? 'error' : 'ok',
          },
          seconds,
        );
        for (const error of errors ?? []) {
          const code = error.extensions?.code;
          graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
        }
      },
    };
  },
};
