// A Gosuslugi-style OpenID Connect provider for the e2e tests: oidc-provider 9 in its own
// process (an ES module with a Koa stack that jest's CommonJS runtime should not load), on a
// free port of 127.0.0.1 over plain http. One confidential client (client_secret_basic),
// authorization code flow with PKCE required, the provider's development login and consent
// pages. Accounts (sub → claims) come from the parent over IPC; the login page's "login" field
// names the sub. Options come in OIDC_TEST_OPTIONS: { clientId, clientSecret, redirectUris }.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.env.OIDC_TEST_OPTIONS ?? '{}');
const accounts = new Map();

process.on('message', (message) => {
  if (message?.type === 'account') {
    accounts.set(message.sub, message.claims);
    process.send({ type: 'ack', id: message.id });
  }
});
process.on('disconnect', () => process.exit(0));

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: options.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'phone', 'snils'],
  claims: {
    openid: ['sub'],
    profile: ['family_name', 'given_name', 'middle_name', 'birthdate'],
    phone: ['phone_number', 'phone_number_verified'],
    snils: ['snils', 'trusted'],
  },
  findAccount: (_ctx, sub) => {
    const claims = accounts.get(sub);
    return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['kabinet-test-oidc-cookie-key'] },
  renderError: (ctx, out) => {
    ctx.type = 'json';
    ctx.body = out;
  },
});
// Errors the tests provoke on purpose (a tampered code) are not worth a stack trace each.
provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error));

server.on('request', provider.callback());
process.send({ type: 'ready', issuer });
