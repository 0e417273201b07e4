import type { TestApp } from '../../support/test-app';

export const CREATE_API_CLIENT = `mutation($name: String!, $scopes: [String!]!) {
  createApiClient(name: $name, scopes: $scopes) {
    clientSecret
    client { id name clientId scopes createdAt lastUsedAt revokedAt }
  }
}`;

export const API_CLIENTS = `{ apiClients { id name clientId scopes createdAt lastUsedAt revokedAt } }`;

export const REVOKE_API_CLIENT = `mutation($id: ID!) { revokeApiClient(id: $id) }`;

/** An org-scoped query integrator clients may call (scope reports:read). */
export const REPORTS_COUNT = `{ remoteWorkReports { totalCount } }`;

/** HTTP Basic per RFC 6749 §2.3.1: form-urlencoded id and secret, then base64. */
export function basicAuth(clientId: string, clientSecret: string): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
  return 'Basic ' + Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64');
}

export interface TokenAnswer {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

/** POST /oauth/token with a form body. */
export async function requestToken(
  t: TestApp,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TokenAnswer> {
  const res = await fetch(`${t.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, any>,
  };
}

/** createApiClient as the given member, then a token for it by client_secret_post. */
export async function clientWithToken(
  t: TestApp,
  memberToken: string,
  scopes: string[],
): Promise<{ id: string; clientId: string; clientSecret: string; accessToken: string }> {
  const { createApiClient } = await t.gql.ok(
    CREATE_API_CLIENT,
    { name: 'Учётная система', scopes },
    { token: memberToken },
  );
  const { clientId } = createApiClient.client;
  const { clientSecret } = createApiClient;
  const answer = await requestToken(t, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
  if (answer.status !== 200) {
    throw new Error(`token request failed: ${JSON.stringify(answer.body)}`);
  }
  return {
    id: createApiClient.client.id,
    clientId,
    clientSecret,
    accessToken: answer.body.access_token,
  };
}

export { runCli } from '../../support/cli';
