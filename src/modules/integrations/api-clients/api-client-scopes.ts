// Integrator scopes (API.md «integrators»). Organizations give their clients the report scopes;
// platform scopes feed portal-wide data and come only from the operator CLI.
export const ORGANIZATION_SCOPES: readonly string[] = ['reports:read', 'reports:write'];
export const PLATFORM_SCOPES: readonly string[] = ['events:write', 'messages:write'];
export const ALL_SCOPES: readonly string[] = [...ORGANIZATION_SCOPES, ...PLATFORM_SCOPES];

/** Scopes checked against what may be given: known ones, each once, in canonical order. */
export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; unknown: string[] };

/** Checks the scopes a client is to be given against those the caller may give. */
export function checkClientScopes(
  requested: readonly string[],
  allowed: readonly string[],
): ScopeCheck {
  const wanted = new Set(requested.map((scope) => scope.trim()));
  const unknown = [...wanted].filter((scope) => !allowed.includes(scope));
  if (unknown.length > 0 || wanted.size === 0) {
    return { ok: false, unknown };
  }
  return { ok: true, scopes: ALL_SCOPES.filter((scope) => wanted.has(scope)) };
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * The `scope` parameter of a token request: space-delimited scope-tokens, each kept once. Null
 * when it is malformed. Runs of spaces are tolerated.
 */
export function parseScopeParameter(value: string): string[] | null {
  const tokens = value.split(' ').filter(Boolean);
  if (tokens.length === 0 || !tokens.every((token) => SCOPE_TOKEN.test(token))) {
    return null;
  }
  return [...new Set(tokens)];
}

/**
 * The scopes a token gets: all of the client's when none were asked for, else the ones asked,
 * which must all be the client's. Null when the request asks for more (invalid_scope).
 */
export function grantScopes(clientScopes: readonly string[], requested?: string): string[] | null {
  if (requested === undefined) {
    return [...clientScopes];
  }
  const asked = parseScopeParameter(requested);
  if (!asked || !asked.every((scope) => clientScopes.includes(scope))) {
    return null;
  }
  return clientScopes.filter((scope) => asked.includes(scope));
}
