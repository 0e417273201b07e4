import { OAuthError } from './oauth.error';

/** How the client authenticated (RFC 6749 §2.3.1). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/** A well-formed client credentials token request. */
export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  authMethod: ClientAuthMethod;
  /** The `scope` parameter as sent; undefined when absent or empty. */
  scope?: string;
}

/** What the HTTP layer hands over. */
export interface RawTokenRequest {
  authorization?: string;
  /** Whether the body came as application/x-www-form-urlencoded. */
  form: boolean;
  body: unknown;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

// RFC 6749 §2.3.1 / Appendix B: id and secret are form-urlencoded before Basic joins them.
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Client credentials from an `Authorization: Basic …` value; null when the value is not a
 * well-formed Basic credential (RFC 7617 with RFC 6749 §2.3.1 encoding).
 */
export function parseBasicCredentials(
  header: string,
): { clientId: string; clientSecret: string } | null {
  const match = /^Basic +(\S+) *$/i.exec(header);
  if (!match || !BASE64.test(match[1]) || match[1].length % 4 !== 0) {
    return null;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return null;
  }
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (!clientId || clientSecret === null) {
    return null;
  }
  return { clientId, clientSecret };
}

// RFC 6749 §3.2: parameters sent without a value are treated as omitted; none may repeat.
function readParameters(body: unknown): Map<string, string> {
  const parameters = new Map<string, string>();
  if (typeof body !== 'object' || body === null) {
    return parameters;
  }
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      throw OAuthError.invalidRequest(`Parameter ${name.slice(0, 40)} is repeated`);
    }
    if (typeof value === 'string' && value !== '') {
      parameters.set(name, value);
    }
  }
  return parameters;
}

/**
 * Reads a token request (RFC 6749 §4.4.2) with its client authentication (§2.3.1: Basic or
 * form fields, never both); throws the OAuthError to answer when it is not acceptable.
 */
export function parseTokenRequest(raw: RawTokenRequest): TokenRequest {
  if (!raw.form) {
    throw OAuthError.invalidRequest('The body must be application/x-www-form-urlencoded');
  }
  const parameters = readParameters(raw.body);
  const grantType = parameters.get('grant_type');
  if (!grantType) {
    throw OAuthError.invalidRequest('grant_type is required');
  }
  if (grantType !== 'client_credentials') {
    throw OAuthError.unsupportedGrantType();
  }
  const scope = parameters.get('scope');
  const bodyId = parameters.get('client_id');
  const bodySecret = parameters.get('client_secret');

  if (raw.authorization !== undefined && raw.authorization !== '') {
    const basic = parseBasicCredentials(raw.authorization);
    if (!basic) {
      throw OAuthError.invalidClient(true, 'Malformed or unsupported Authorization header');
    }
    if (bodySecret !== undefined) {
      throw OAuthError.invalidRequest('Use one client authentication method, not both');
    }
    if (bodyId !== undefined && bodyId !== basic.clientId) {
      throw OAuthError.invalidRequest('client_id differs from the one in the Authorization header');
    }
    return { ...basic, authMethod: 'client_secret_basic', scope };
  }
  if (bodyId === undefined || bodySecret === undefined) {
    throw OAuthError.invalidClient(false, 'Client authentication is required');
  }
  return { clientId: bodyId, clientSecret: bodySecret, authMethod: 'client_secret_post', scope };
}
