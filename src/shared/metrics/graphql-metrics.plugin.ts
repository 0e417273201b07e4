import { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { graphqlDuration, graphqlErrors } from './metrics';

/** Times every GraphQL operation and counts its errors by code. */
export const graphqlMetricsPlugin: ApolloServerPlugin = {
  // eslint-disable-next-line @typescript-eslint/require-await
  async requestDidStart() {
    const started = process.hrtime.bigint();
    return {
      // eslint-disable-next-line @typescript-eslint/require-await
      async willSendResponse({ operation, errors }) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const fields = operation?.selectionSet.selections
          .map((s) => (s.kind === Kind.FIELD ? s.name.value : '…'))
          .slice(0, 3)
          .join(',');
        graphqlDuration.observe(
          {
            type: operation?.operation ?? 'invalid',
            field: fields || 'none',
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
